export const id = {
  "regions.level.1": "Provinsi",
  "regions.level.2": "Kabupaten/Kota",
  "regions.level.3": "Kecamatan",
  "regions.level.4": "Desa/Kelurahan",
  "regions.choose": "— pilih —",
  "regions.next": "Tampilkan pilihan berikutnya",
  "regions.nextHint": "Tanpa JavaScript: pilih lalu tekan tombol ini untuk memuat daftar di bawahnya.",
  "regions.required": "Pilih wilayah.",
  "regions.invalid": "Wilayah tidak dikenal.",
  "regions.outside": "Wilayah berada di luar cakupan chapter.",
  "regions.needKecamatan": "Pilih sampai tingkat kecamatan.",
  "regions.needDesa": "Pilih sampai tingkat desa/kelurahan.",
};

export const en: Record<keyof typeof id, string> = {
  "regions.level.1": "Province",
  "regions.level.2": "Regency/City",
  "regions.level.3": "District (kecamatan)",
  "regions.level.4": "Village (desa/kelurahan)",
  "regions.choose": "— choose —",
  "regions.next": "Show the next choices",
  "regions.nextHint": "Without JavaScript: choose, then press this button to load the list below.",
  "regions.required": "Choose a region.",
  "regions.invalid": "Unknown region.",
  "regions.outside": "The region is outside the chapter's area.",
  "regions.needKecamatan": "Choose down to the district (kecamatan).",
  "regions.needDesa": "Choose down to the village (desa/kelurahan).",
};
