-- Managed list of learning topics and the volunteer skills (skill.slug) each needs; re-running is harmless.
INSERT INTO "learning_topic" ("slug", "name_id", "name_en", "skills") VALUES
  ('smartphone', 'Menggunakan ponsel pintar', 'Using a smartphone', '["literasi-digital"]'),
  ('email', 'Email', 'Email', '["literasi-digital", "aplikasi-perkantoran"]'),
  ('internet-safety', 'Keamanan internet & hoaks', 'Internet safety & hoaxes', '["keamanan-internet", "literasi-digital"]'),
  ('social-media-business', 'Media sosial untuk usaha', 'Social media for business', '["media-sosial-umkm"]'),
  ('marketplace', 'Berjualan di marketplace', 'Selling on a marketplace', '["marketplace", "media-sosial-umkm"]'),
  ('qris', 'QRIS & pembayaran digital', 'QRIS & digital payment', '["qris-pembayaran-digital"]'),
  ('office-apps', 'Aplikasi perkantoran', 'Office apps', '["aplikasi-perkantoran"]'),
  ('gov-services', 'Layanan pemerintahan online', 'Government online services', '["layanan-pemerintahan-online"]'),
  ('website', 'Membuat website', 'Making a website', '["pembuatan-website", "pemrograman"]'),
  ('video-call', 'Video call dengan keluarga', 'Video calls with family', '["literasi-digital"]'),
  ('photo-video', 'Foto & video untuk promosi', 'Photos & videos for promotion', '["fotografi-dokumentasi", "video-editing", "desain-grafis"]')
ON CONFLICT DO NOTHING;
