-- Hand-written: a figure's country is its region's. Country views find a country's figures by the country column
-- alone (db/queries/figures.ts), and the loader now refuses a figure whose country differs from its region's;
-- this aligns figures stored before that check.
UPDATE figures f SET country_iso3 = r.country_iso3 FROM regions r
WHERE r.code = f.region_code AND f.country_iso3 IS DISTINCT FROM r.country_iso3;
