/** Uploaded photos (event reports, telecenter surveys): accepted types and sizes, and one way to clean them. */
import { availableParallelism } from "node:os";

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
const PHOTO_MAX_SIDE = 1600;

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

