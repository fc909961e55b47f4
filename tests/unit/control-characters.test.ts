import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkFormBody, cleanedUrl, withoutControls } from "../../app/services/http.server";
import { withUploadForm } from "../../app/services/uploads.server";

describe("control characters in forms and addresses", () => {
  it("an address without them is left alone, whatever its escapes; one in the path is refused", () => {
    for (const url of ["/", "/events/mine", "/telecenter?q=warnet+desa", "/chapters/x?q=Ma%E2%80%99ruf&page=2", "/login?redirectTo=%2F%0A%2Fx", "/a?b=%09%0D%0A%20%7F%2000"])
      assert.equal(cleanedUrl(url), null, url);
    assert.equal(cleanedUrl("/telecenter%00"), "refuse");
    assert.equal(cleanedUrl("/e/1%1b?q=x"), "refuse");
  });

  it("a search keeps what was typed, less NUL and the other C0 characters but tab, CR and LF", () => {
    assert.equal(cleanedUrl("/telecenter?q=warnet%00%01+desa&page=1"), "/telecenter?q=warnet+desa&page=1");
    assert.equal(cleanedUrl("/x?q=%1F%0B"), "/x?q=");
    assert.equal(cleanedUrl("/x?%00=1"), "/x?=1");
    assert.equal(withoutControls("Baris 1\r\n\tBaris\u0000 2\u0007"), "Baris 1\r\n\tBaris 2");
  });

  it("a form body without them is passed on as it came; with them it is the same form without them", async () => {
    assert.equal(await checkFormBody(Buffer.from("name=Siti+Rahayu&note=baris%0D%0Akedua"), "application/x-www-form-urlencoded"), null);
    const plain = await checkFormBody(Buffer.from("name=Siti%00+Rahayu&note=%E2%80%9CPDF%E2%80%9D%0C"), "application/x-www-form-urlencoded");
    assert.deepEqual([...new URLSearchParams(plain?.body.toString())], [["name", "Siti Rahayu"], ["note", "“PDF”"]]);
    const raw = await checkFormBody(Buffer.from("name=Siti\u0000Rahayu", "latin1"), "application/x-www-form-urlencoded");
    assert.equal(new URLSearchParams(raw?.body.toString()).get("name"), "SitiRahayu");

    const form = new FormData();
    form.append("name", "Dewi\u0000 Lestari");
    form.append("photo", new File([new Uint8Array([0, 1, 2, 3])], "foto.jpg", { type: "image/jpeg" }));
    const sent = new Response(form);
    const body = Buffer.from(await sent.arrayBuffer());
    const cleaned = await checkFormBody(body, sent.headers.get("content-type") ?? "");
    assert.ok(cleaned);
    const back = await new Response(new Uint8Array(cleaned.body), { headers: { "content-type": cleaned.contentType } }).formData();
    assert.equal(back.get("name"), "Dewi Lestari");
    // a file's bytes are its own: untouched
    const photo = back.get("photo") as File;
    assert.deepEqual([...new Uint8Array(await photo.arrayBuffer())], [0, 1, 2, 3]);
    assert.equal(photo.name, "foto.jpg");
    const clean = new FormData();
    clean.append("name", "Dewi Lestari");
    const ok = new Response(clean);
    assert.equal(await checkFormBody(Buffer.from(await ok.arrayBuffer()), ok.headers.get("content-type") ?? ""), null);
  });

  it("an upload form read as it arrives (photos) gets its text fields without them too, its files untouched", async () => {
    const form = new FormData();
    form.append("summary", "Peserta antusias\u0000, 40 orang\r\nbaris dua");
    form.append("photo", new File([new Uint8Array([0, 0, 7, 27])], "foto.jpg", { type: "image/jpeg" }));
    const request = new Request("http://simpul.test/events/1/report", { method: "POST", body: form });
    const read = await withUploadForm(request, 1000, async (f) => ({ summary: f.get("summary"), photo: [...new Uint8Array(await (f.get("photo") as File).arrayBuffer())] }));
    assert.deepEqual(read, { summary: "Peserta antusias, 40 orang\r\nbaris dua", photo: [0, 0, 7, 27] });
  });
});
