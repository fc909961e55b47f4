import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { summaryParagraph, type IndicatorRow } from "../../app/models/reports/reports.server";

const KEYS = ["events_held", "participants", "schools_internet_sehat", "pesantren_reached", "umkm_online", "villages_online", "schools_online", "communities_online", "tutoring_completed", "learners_helped", "active_volunteers", "volunteer_hours"];

function rows(value: (key: string) => number, target: number | null): IndicatorRow[] {
  return KEYS.map((key, id) => ({ id, key, name: key, definition: "", decimals: 0, value: value(key), months: [], previous: 0, target, ratio: null, percent: null, expected: null, status: target === null ? "noTarget" : "met" }));
}

describe("the Laporan Capaian's summary sentence", () => {
  it("says every figure of 1 in the singular in English", () => {
    const s = summaryParagraph({ chapterName: "RTIK Kabupaten Jember", period: { year: 2026, semester: 0 }, rows: rows(() => 1, null).slice(0, 1).concat(rows(() => 1, 5).slice(1, 2)), elapsed: 0.5, locale: "en" });
    assert.equal(
      s,
      "During year 2026, RTIK Kabupaten Jember held 1 activity with an approved report, reaching 1 participant. 0 active volunteers gave 0 hours. Of 1 indicator with a target: 1 met, 0 on track and 0 at risk.",
    );
    const all = summaryParagraph({ chapterName: "RTIK Kabupaten Jember", period: { year: 2026, semester: 0 }, rows: rows(() => 1, null), elapsed: 1, locale: "en" });
    assert.equal(
      all,
      "During year 2026, RTIK Kabupaten Jember held 1 activity with an approved report, reaching 1 participant. " +
        "These activities reached 1 school through Internet Sehat, 1 pesantren, 1 UMKM brought online, 1 village brought online, 1 school or foundation brought online and 1 community brought online. " +
        "Volunteers completed 1 tutoring request for 1 learner. 1 active volunteer gave 1 hour. No targets were set for this period.",
    );
  });

  it("keeps the plural for other figures, 1.5 hours included, and the Indonesian wording as it was", () => {
    const values: Record<string, number> = { events_held: 3, participants: 810, schools_online: 2, villages_online: 1, tutoring_completed: 2, learners_helped: 2, active_volunteers: 7, volunteer_hours: 1.5 };
    const en = summaryParagraph({ chapterName: "RTIK Kota Pekalongan", period: { year: 2026, semester: 2 }, rows: rows((k) => values[k] ?? 0, 4), elapsed: 1, locale: "en" });
    assert.equal(
      en,
      "During 2026 semester 2, RTIK Kota Pekalongan held 3 activities with an approved report, reaching 810 participants. These activities reached 1 village brought online and 2 schools and foundations brought online. " +
        "Volunteers completed 2 tutoring requests for 2 learners. 7 active volunteers gave 1.5 hours. Of 12 indicators with a target: 12 met and 0 missed.",
    );
    const id = summaryParagraph({ chapterName: "RTIK Kota Pekalongan", period: { year: 2026, semester: 2 }, rows: rows((k) => values[k] ?? 0, 4), elapsed: 1, locale: "id" });
    assert.equal(
      id,
      "Sepanjang semester 2 2026, RTIK Kota Pekalongan melaksanakan 3 kegiatan dengan laporan yang disetujui, menjangkau 810 peserta. Kegiatan tersebut menjangkau 1 desa go-online dan 2 sekolah dan yayasan go-online. " +
        "Relawan menyelesaikan 2 permintaan pendampingan belajar bagi 2 warga. 7 relawan aktif menyumbangkan 1,5 jam. Dari 12 indikator bertarget, 12 tercapai dan 0 tidak tercapai.",
    );
  });
});
