import assert from "node:assert/strict";
import fs from "node:fs/promises";
import { describe, it } from "node:test";
import sharp from "sharp";
import { discardPhotos, storeSurveyPhotos } from "../../app/models/telecenters/responses.server";
import { PHOTO_MAX_BYTES } from "../../app/services/photos.server";
import { diskPathOf, withUploadForm } from "../../app/services/uploads.server";

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** A multipart request as a browser sends it (the body as a stream, as server.ts hands an upload to the route). */
function multipart(form: FormData): Request {
  const encoded = new Response(form);
  return new Request("http://127.0.0.1/telecenter/survey/1", {
    method: "POST",
    body: encoded.body,
    headers: { "content-type": encoded.headers.get("content-type") ?? "" },
    duplex: "half",
  } as RequestInit & { duplex: "half" });
}

describe("upload forms read to disk", () => {
  it("writes each file to disk as it arrives, keeps the text fields, and deletes the files afterwards", async () => {
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
    const form = new FormData();
    form.set("intent", "save");
    form.set("q_1", "Ruang komputer rapi, 8 unit berfungsi");
    form.append("q_2", new File([new Uint8Array(photo)], "IMG_0001.jpg", { type: "image/jpeg" }));
    form.append("q_2", new File([], "", { type: "application/octet-stream" })); // an empty second file input
    form.append("q_3", new File([], "rusak.jpg", { type: "image/jpeg" })); // a chosen file of 0 bytes
    const paths: string[] = [];
    const result = await withUploadForm(multipart(form), PHOTO_MAX_BYTES, async (f) => {
      assert.equal(f.get("intent"), "save");
      assert.equal(f.get("q_1"), "Ruang komputer rapi, 8 unit berfungsi");
      const [file, empty] = f.getAll("q_2");
      assert.ok(file instanceof File);
      assert.deepEqual([file.name, file.type, file.size], ["IMG_0001.jpg", "image/jpeg", photo.length]);
      assert.equal(empty, "", "an empty file input is no file");
      const broken = f.get("q_3");
      assert.ok(broken instanceof File);
      assert.deepEqual([broken.name, broken.size], ["rusak.jpg", 0], "a chosen file of 0 bytes is a file, refused as such");
      assert.deepEqual(await storeSurveyPhotos([{ questionId: 3, file: broken }]), { ok: false, error: "surveys.fill.photoEmpty", field: "q_3" });
      const onDisk = diskPathOf(file);
      assert.ok(onDisk, "the photo is on disk, not in memory");
      paths.push(onDisk);
      assert.deepEqual(await fs.readFile(onDisk), photo);
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), photo, "and reads like any file");
      // resized from the file on disk
      const stored = await storeSurveyPhotos([{ questionId: 2, file }]);
      assert.ok(stored.ok);
      assert.deepEqual([stored.stored[0]?.width, stored.stored[0]?.height], [1600, 1200]);
      await discardPhotos(stored.stored);
      return "done";
    });
    assert.equal(result, "done");
    assert.equal(await exists(paths[0] ?? ""), false, "the temporary file is gone once the form has been used");
  });

  it("keeps no more than the limit of a file too large, so the usual message refuses it, and the fields after it still arrive", async () => {
    const limit = 64 * 1024;
    const form = new FormData();
    form.append("q_2", new File([new Uint8Array(limit * 5)], "besar.jpg", { type: "image/jpeg" }));
    form.set("after", "masih ada");
    const list = "Warung Kopi Bu Sri, https://shopee.co.id/kopibusri, Sumbersari\n".repeat(30_000); // ~2 MB, refused later by its own limit
    form.set("onlineList", list);
    await withUploadForm(multipart(form), limit, async (f) => {
      const file = f.get("q_2");
      assert.ok(file instanceof File);
      assert.equal(file.size, limit + 1);
      assert.equal((await fs.stat(diskPathOf(file) ?? "")).size, limit + 1);
      assert.equal(f.get("after"), "masih ada");
      assert.equal(f.get("onlineList"), list.replaceAll("\n", "\r\n"), "a long text field arrives whole (with the CRLF line breaks a browser sends), never cut");
    });
    const big = new FormData();
    big.append("q_2", new File([new Uint8Array(PHOTO_MAX_BYTES + 10)], "besar.jpg", { type: "image/jpeg" }));
    await withUploadForm(multipart(big), PHOTO_MAX_BYTES, async (f) => {
      const file = f.get("q_2");
      assert.ok(file instanceof File);
      assert.deepEqual(await storeSurveyPhotos([{ questionId: 2, file }]), { ok: false, error: "surveys.fill.photoSize", field: "q_2" });
    });
  });

  it("reads a form without files as before", async () => {
    const r = new Request("http://127.0.0.1/x", { method: "POST", body: new URLSearchParams({ intent: "submit" }) });
    assert.equal(await withUploadForm(r, PHOTO_MAX_BYTES, async (f) => f.get("intent")), "submit");
  });
});
