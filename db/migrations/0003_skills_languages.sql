-- Managed lists: the starting skills and languages. Admins add and rename skills later; re-running is harmless.
INSERT INTO "skill" ("slug", "name_id", "name_en") VALUES
  ('literasi-digital', 'Literasi digital', 'Digital literacy'),
  ('keamanan-internet', 'Keamanan internet', 'Internet safety'),
  ('jaringan-komputer', 'Jaringan komputer', 'Computer networking'),
  ('desain-grafis', 'Desain grafis', 'Graphic design'),
  ('pembuatan-website', 'Pembuatan website', 'Website building'),
  ('media-sosial-umkm', 'Media sosial untuk UMKM', 'Social media for small businesses'),
  ('marketplace', 'Marketplace', 'Online marketplaces'),
  ('aplikasi-perkantoran', 'Aplikasi perkantoran', 'Office applications'),
  ('fotografi-dokumentasi', 'Fotografi/dokumentasi', 'Photography/documentation'),
  ('public-speaking', 'Public speaking', 'Public speaking'),
  ('pemrograman', 'Pemrograman', 'Programming'),
  ('qris-pembayaran-digital', 'QRIS & pembayaran digital', 'QRIS & digital payments'),
  ('layanan-pemerintahan-online', 'Layanan pemerintahan online', 'Online government services'),
  ('video-editing', 'Video editing', 'Video editing')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "language" ("code", "name_id", "name_en") VALUES
  ('id', 'Indonesia', 'Indonesian'),
  ('jv', 'Jawa', 'Javanese'),
  ('su', 'Sunda', 'Sundanese'),
  ('mad', 'Madura', 'Madurese'),
  ('min', 'Minang', 'Minangkabau'),
  ('ban', 'Bali', 'Balinese'),
  ('bug', 'Bugis', 'Buginese'),
  ('mak', 'Makassar', 'Makassarese'),
  ('bjn', 'Banjar', 'Banjarese'),
  ('ace', 'Aceh', 'Acehnese'),
  ('btk', 'Batak', 'Batak'),
  ('en', 'Inggris', 'English')
ON CONFLICT DO NOTHING;
