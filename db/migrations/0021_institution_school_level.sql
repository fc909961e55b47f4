-- Schools already in the registry get their level from the name (the app does the same for new ones: schoolLevel()).
UPDATE "institution" SET "level" = CASE
  WHEN "name" ~* '^\s*(sd|sdn|sds|sdit|mi|min|mis|sekolah dasar|madrasah ibtidaiyah)\M' THEN 'sd'
  WHEN "name" ~* '^\s*(smp|smpn|smps|smpit|mts|mtsn|mtss|sekolah menengah pertama|madrasah tsanawiyah)\M' THEN 'smp'
  WHEN "name" ~* '^\s*(sma|sman|smas|smait|smk|smkn|smks|ma|man|mas|sekolah menengah atas|sekolah menengah kejuruan|madrasah aliyah)\M' THEN 'sma'
  ELSE 'other'
END
WHERE "type" = 'school' AND "level" IS NULL;
