-- Hand-written: a figure's country is its region's. Country views find a country's figures by the country column
-- alone (db/queries/figures.ts), and the loader now refuses a figure whose country differs from its region's;
-- this aligns figures stored before that check.
UPDATE figures SET country_iso3 = (SELECT r.country_iso3 FROM regions r WHERE r.code = figures.region_code)
WHERE region_code IS NOT NULL
  AND country_iso3 IS NOT (SELECT r.country_iso3 FROM regions r WHERE r.code = figures.region_code);
