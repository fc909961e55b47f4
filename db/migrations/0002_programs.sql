-- Custom SQL migration file, put your code below! ---- Program types of Relawan TIK outreach, with the outcomes their reports record.
INSERT INTO "program" ("slug", "name_id", "name_en", "outcomes") VALUES
  ('internet-sehat', 'Internet Sehat', 'Healthy Internet', '["participants","institutions"]'),
  ('literasi-digital', 'Literasi Digital', 'Digital Literacy', '["participants","institutions"]'),
  ('umkm-go-online', 'UMKM Go-Online', 'UMKM Go-Online', '["participants","institutions","onboarding"]'),
  ('desa-go-online', 'Desa Go-Online', 'Village Go-Online', '["participants","institutions","onboarding"]'),
  ('sekolah-go-online', 'Sekolah Go-Online', 'School Go-Online', '["participants","institutions","onboarding"]'),
  ('pesantren', 'Pesantren Go-Digital', 'Pesantren Go-Digital', '["participants","institutions"]'),
  ('bimtek-opd', 'Bimtek OPD', 'Government Office Training (Bimtek OPD)', '["participants","institutions"]'),
  ('seminar', 'Seminar', 'Seminar', '["participants","institutions"]'),
  ('deklarasi-anti-hoaks', 'Deklarasi Anti-Hoaks', 'Anti-Hoax Declaration', '["participants","institutions"]'),
  ('sosialisasi-smart-city', 'Sosialisasi Smart City', 'Smart City Socialisation', '["participants","institutions"]'),
  ('asesmen-telecenter', 'Asesmen Telecenter', 'Telecenter Assessment', '["institutions"]')
ON CONFLICT ("slug") DO NOTHING;
