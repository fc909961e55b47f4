/**
 * Multipart forms with files, read as they arrive: each file goes to a temporary file on disk, the text fields stay
 * in memory. `request.formData()` held the whole body and then a copy of every file in memory (a 56 MB survey section
 * took well over 100 MB per request); here a request holds a few chunks at a time.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { withoutControls } from "./http.server";

/** Where each file of an upload form was written (files of forms read by `withUploadForm` only). */
const diskPaths = new WeakMap<Blob, string>();

/** The file on disk behind an uploaded file, for code (sharp) that reads it from there instead of from memory. */
export function diskPathOf(file: Blob): string | null {
  return diskPaths.get(file) ?? null;
}

/**
 * Reads a multipart form, hands it to `handle`, then deletes its files. A file longer than `maxFileBytes` is not kept
 * whole: its first `maxFileBytes + 1` bytes are, so that the usual size check refuses it with the usual message. An
 * empty file input (no file name) reads as an empty text field; a chosen file of 0 bytes is a file of 0 bytes. A form
 * that is not multipart is read as usual.
 */
export async function withUploadForm<T>(request: Request, maxFileBytes: number, handle: (form: FormData) => Promise<T>): Promise<T> {
  if (!/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) return handle(await request.formData());
  let dir: string | null = null;
  const handler: UploadHandler = async ({ filename, contentType, data }) => {
    if (filename === undefined) {
      // a text field whole, as before: the body limits of server.ts and the route bound it. A control character
      // pasted into it is taken out, as server.ts does for the forms it reads whole (http.server.ts)
      const chunks: Uint8Array[] = [];
      for await (const chunk of data) chunks.push(chunk);
      return withoutControls(Buffer.concat(chunks).toString("utf8"));
    }
    dir ??= await fs.mkdtemp(path.join(os.tmpdir(), "simpul-upload-"));
    const file = path.join(dir, randomUUID());
    const out = createWriteStream(file);
    let size = 0;
    try {
      for await (const chunk of data) {
        if (size > maxFileBytes) continue; // drained, not kept: the form goes on after this part
        const keep = chunk.byteLength > maxFileBytes + 1 - size ? chunk.subarray(0, maxFileBytes + 1 - size) : chunk;
        size += keep.byteLength;
        if (!out.write(keep)) await new Promise<void>((r) => out.once("drain", () => r()));
      }
    } finally {
      out.end();
      await finished(out);
    }
    const blob = new File([await openAsBlob(file)], filename, { type: contentType });
    diskPaths.set(blob, file);
    return blob;
  };
  try {
    return await handle(await unstable_parseMultipartFormData(request, handler));
  } finally {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  }
}
