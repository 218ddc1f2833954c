-- The calling rules of each country, as data: the local windows in which a number of that
-- country may be called (HH:MM, start before stop; both NULL = no calls that day) and the legal
-- abandon cap in percent. country is the ISO 3166 code libphonenumber gives a number; ZZ is
-- the rule for every country without a row of its own.

CREATE TABLE country_rules (
    country         VARCHAR(2)    NOT NULL PRIMARY KEY,
    weekday_start   VARCHAR(5),
    weekday_stop    VARCHAR(5),
    saturday_start  VARCHAR(5),
    saturday_stop   VARCHAR(5),
    sunday_start    VARCHAR(5),
    sunday_stop     VARCHAR(5),
    abandon_cap     DECIMAL(5, 2) NOT NULL,
    notes           VARCHAR(200)  NOT NULL DEFAULT ''
);

INSERT INTO country_rules (country, weekday_start, weekday_stop, saturday_start,
        saturday_stop, sunday_start, sunday_stop, abandon_cap, notes)
VALUES
    ('ZZ', '08:00', '21:00', '08:00', '21:00', '08:00', '21:00', 3,
        'default for countries without a row'),
    ('GB', '08:00', '21:00', '08:00', '21:00', '08:00', '21:00', 3,
        'Ofcom persistent misuse policy: 3% in 24 h; hours are our default'),
    ('US', '08:00', '21:00', '08:00', '21:00', '08:00', '21:00', 3,
        'TCPA 8:00-21:00 at the called party; TSR 3% over 30 days'),
    ('CA', '09:00', '21:30', '10:00', '18:00', '10:00', '18:00', 5,
        'CRTC telemarketing rules: weekdays 9:00-21:30, weekends 10:00-18:00; 5% abandons'),
    ('AU', '09:00', '20:00', '09:00', '17:00', NULL, NULL, 3,
        'Telemarketing standard: weekdays 9:00-20:00, Saturday 9:00-17:00, no Sunday');

