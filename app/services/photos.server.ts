/** Uploaded photos (event reports, telecenter surveys): accepted types and sizes, and one way to clean them. */
import { availableParallelism } from "node:os";

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
const PHOTO_MAX_SIDE = 1600;

/**
 * Whether an upload is a photo we take, by its declared type, else by its name when the browser declared none or
 * a generic one (some Android file pickers send "application/octet-stream"); sharp reads the content afterwards and
 * refuses what is not a picture. "heic": an iPhone's (or some Android phones') HEIC/HEIF, which sharp's libvips
 * cannot decode (its libheif has no HEVC decoder), told apart so the message can say what to do.
 */
export function photoTypeOf(file: { type: string; name: string }): "ok" | "heic" | "other" {
  const type = file.type.toLowerCase();
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (/^image\/hei[cf](-sequence)?$/.test(type) || ((type === "" || type === "application/octet-stream") && /^hei[cf]$/.test(ext))) return "heic";
  if (PHOTO_TYPES.includes(type)) return "ok";
  if ((type === "" || type === "application/octet-stream") && ["jpg", "jpeg", "png", "webp"].includes(ext)) return "ok";
  return "other";
}

/**
 * Resize to at most 1600 px and re-encode as JPEG. sharp drops all metadata (EXIF incl. GPS, XMP) unless asked
 * to keep it; rotate() first applies the EXIF orientation so the picture still stands upright. `input` is the
 * photo's bytes or the path of the file an upload was written to (then libvips reads it from disk, in strips).
 */
export async function processPhoto(input: Buffer | string): Promise<{ data: Buffer; width: number; height: number } | null> {
  // as many photos at a time as the machine has cores (mozjpeg encodes on one thread): four surveyors sending at once
  // wait their turn instead of holding four decoded pictures each
  while (photosRunning >= PHOTOS_AT_ONCE) await new Promise<void>((resolve) => photoWaiting.push(resolve));
  photosRunning++;
  try {
    return await resizePhoto(input);
  } finally {
    photosRunning--;
    photoWaiting.shift()?.();
  }
}

const PHOTOS_AT_ONCE = Math.max(1, availableParallelism());
let photosRunning = 0;
const photoWaiting: (() => void)[] = [];

async function resizePhoto(input: Buffer | string): Promise<{ data: Buffer; width: number; height: number } | null> {
  try {
    // loaded on the first upload: libvips is ~30 MB a process would otherwise hold from start-up
    const { default: sharp } = await import("sharp");
    // every upload is a new picture: libvips' cache of recent operations (up to 50 MB) would only hold memory
    sharp.cache(false);
    const { data, info } = await sharp(input, { limitInputPixels: 50_000_000, sequentialRead: true })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return null;
  }
}

