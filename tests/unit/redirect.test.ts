import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeRedirect } from "../../app/utils/redirect";

/** Where a browser would go from a Location header with this value, seen from our site. */
const landsOn = (location: string) => new URL(location, "https://simpul.example").host;

describe("safeRedirect", () => {
  it("never hands back a target that leaves the site, also after the path is normalised", () => {
    const dotSegments = ["/.//evil.com", "/x/..//evil.com", "/./..//evil.com", "/a/b/../..//evil.com", "/%2e//evil.com", "/x/%2e%2e//evil.com", "/.//evil.com/path?q=1#h", "/././/evil.com", "/..//evil.com", "/x/.././/evil.com", "/%2E%2E//evil.com"];
    const classic = ["//evil.com", "///evil.com", "/\\evil.com", "/\t/evil.com", "/%5Cevil.com", "/%2F%2Fevil.com", "https://evil.com", "javascript:alert(1)", "evil.com", "/\n/evil.com", ""];
    for (const to of [...dotSegments, ...classic]) {
      const got = safeRedirect(to, "/fallback");
      assert.equal(landsOn(got), "simpul.example", `${JSON.stringify(to)} → ${got}`);
      assert.ok(got.startsWith("/") && !got.startsWith("//") && !got.startsWith("/\\"), `${JSON.stringify(to)} → ${got}`);
    }
    for (const to of dotSegments) assert.equal(safeRedirect(to, "/fallback"), "/fallback", to);
  });

  it("keeps ordinary paths on the site, normalised", () => {
    assert.equal(safeRedirect("/akun/data?selesai=email#top"), "/akun/data?selesai=email#top");
    assert.equal(safeRedirect("/x/../events/12"), "/events/12");
    assert.equal(safeRedirect("/./chapters/jember"), "/chapters/jember");
    assert.equal(safeRedirect("/chapters//jember"), "/chapters//jember");
    assert.equal(safeRedirect(null, "/home"), "/home");
  });
});
