/** Uploaded photos (event reports, telecenter surveys): accepted types and sizes, and one way to clean them. */

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
const PHOTO_MAX_SIDE = 1600;

/**
 * Resize to at most 1600 px and re-encode as JPEG. sharp drops all metadata (EXIF incl. GPS, XMP) unless asked
 * to keep it; rotate() first applies the EXIF orientation so the picture still stands upright.
 */
export async function processPhoto(input: Buffer): Promise<{ data: Buffer; width: number; height: number } | null> {
  try {
    // loaded on the first upload: libvips is ~30 MB a process would otherwise hold from start-up
    const { default: sharp } = await import("sharp");
    const { data, info } = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return null;
  }
}

