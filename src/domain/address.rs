//! A postal address for a shipped reward: Swiss, European and some farther countries, each
//! checked against the shape of its postcodes, with lengths that fit a parcel's label.

pub use super::states::ShippingZone;

/// The longest name, street or building line, and town, in characters.
const NAME_MAX: usize = 70;
const LINE_MAX: usize = 60;
const TOWN_MAX: usize = 40;

/// A country a reward may be shipped to: its ISO 3166 code, its names, and the shapes of its
/// postcodes (`9` a digit, `A` a letter, `X` either, anything else itself).
pub struct Country {
    pub code: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
    pub de: &'static str,
    /// Where it lies, for the postage.
    pub zone: ShippingZone,
    postcodes: &'static [&'static str],
}

/// Switzerland first, then Europe by code, then the rest of the world by code.
pub const COUNTRIES: &[Country] = &[
    Country {
        code: "CH",
        fr: "Suisse",
        en: "Switzerland",
        de: "Schweiz",
        zone: ShippingZone::Switzerland,
        postcodes: &["9999"],
    },
    Country {
        code: "LI",
        fr: "Liechtenstein",
        en: "Liechtenstein",
        de: "Liechtenstein",
        zone: ShippingZone::Switzerland,
        postcodes: &["9999"],
    },
    Country {
        code: "AT",
        fr: "Autriche",
        en: "Austria",
        de: "Österreich",
        zone: ShippingZone::Europe,
        postcodes: &["9999"],
    },
    Country {
        code: "BE",
        fr: "Belgique",
        en: "Belgium",
        de: "Belgien",
        zone: ShippingZone::Europe,
        postcodes: &["9999"],
    },
    Country {
        code: "BG",
        fr: "Bulgarie",
        en: "Bulgaria",
        de: "Bulgarien",
        zone: ShippingZone::Europe,
        postcodes: &["9999"],
    },
    Country { code: "CY", fr: "Chypre", en: "Cyprus", de: "Zypern", zone: ShippingZone::Europe, postcodes: &["9999"] },
    Country {
        code: "CZ",
        fr: "Tchéquie",
        en: "Czechia",
        de: "Tschechien",
        zone: ShippingZone::Europe,
        postcodes: &["999 99", "99999"],
    },
    Country {
        code: "DE",
        fr: "Allemagne",
        en: "Germany",
        de: "Deutschland",
        zone: ShippingZone::Europe,
        postcodes: &["99999"],
    },
    Country {
        code: "DK",
        fr: "Danemark",
        en: "Denmark",
        de: "Dänemark",
        zone: ShippingZone::Europe,
        postcodes: &["9999"],
    },
    Country {
        code: "EE",
        fr: "Estonie",
        en: "Estonia",
        de: "Estland",
        zone: ShippingZone::Europe,
        postcodes: &["99999"],
    },
    Country {
        code: "ES",
        fr: "Espagne",
        en: "Spain",
        de: "Spanien",
        zone: ShippingZone::Europe,
        postcodes: &["99999"],
    },
    Country {
        code: "FI",
        fr: "Finlande",
        en: "Finland",
        de: "Finnland",
        zone: ShippingZone::Europe,
        postcodes: &["99999"],
    },
    Country {
        code: "FR",
        fr: "France",
        en: "France",
        de: "Frankreich",
        zone: ShippingZone::Europe,
        postcodes: &["99999"],
    },
    Country {
        code: "GB",
        fr: "Royaume-Uni",
        en: "United Kingdom",
        de: "Vereinigtes Königreich",
        zone: ShippingZone::Europe,
        postcodes: &["A9 9AA", "A99 9AA", "AA9 9AA", "AA99 9AA", "A9A 9AA", "AA9A 9AA"],
    },
    Country {
        code: "GR",
        fr: "Grèce",
        en: "Greece",
        de: "Griechenland",
        zone: ShippingZone::Europe,
        postcodes: &["999 99", "99999"],
    },
    Country {
        code: "HR",
        fr: "Croatie",
        en: "Croatia",
        de: "Kroatien",
        zone: ShippingZone::Europe,
        postcodes: &["99999"],
    },
    Country {
        code: "HU",
        fr: "Hongrie",
        en: "Hungary",
        de: "Ungarn",
        zone: ShippingZone::Europe,
        postcodes: &["9999"],
    },
    Country {
        code: "IE",
        fr: "Irlande",
        en: "Ireland",
        de: "Irland",
        zone: ShippingZone::Europe,
        postcodes: &["A9X XXXX"],
    },
    Country { code: "IS", fr: "Islande", en: "Iceland", de: "Island", zone: ShippingZone::Europe, postcodes: &["999"] },
    Country { code: "IT", fr: "Italie", en: "Italy", de: "Italien", zone: ShippingZone::Europe, postcodes: &["99999"] },
    Country {
        code: "LT",
        fr: "Lituanie",
        en: "Lithuania",
        de: "Litauen",
        zone: ShippingZone::Europe,
        postcodes: &["LT-99999", "99999"],
    },
    Country {
        code: "LU",
        fr: "Luxembourg",
        en: "Luxembourg",
        de: "Luxemburg",
        zone: ShippingZone::Europe,
        postcodes: &["L-9999", "9999"],
    },
    Country {
        code: "LV",
        fr: "Lettonie",
        en: "Latvia",
        de: "Lettland",
        zone: ShippingZone::Europe,
        postcodes: &["LV-9999"],
    },
    Country { code: "MT", fr: "Malte", en: "Malta", de: "Malta", zone: ShippingZone::Europe, postcodes: &["AAA 9999"] },
    Country {
        code: "NL",
        fr: "Pays-Bas",
        en: "Netherlands",
        de: "Niederlande",
        zone: ShippingZone::Europe,
        postcodes: &["9999 AA"],
    },
    Country {
        code: "NO",
        fr: "Norvège",
        en: "Norway",
        de: "Norwegen",
        zone: ShippingZone::Europe,
        postcodes: &["9999"],
    },
    Country {
        code: "PL",
        fr: "Pologne",
        en: "Poland",
        de: "Polen",
        zone: ShippingZone::Europe,
        postcodes: &["99-999"],
    },
    Country {
        code: "PT",
        fr: "Portugal",
        en: "Portugal",
        de: "Portugal",
        zone: ShippingZone::Europe,
        postcodes: &["9999-999"],
    },
    Country {
        code: "RO",
        fr: "Roumanie",
        en: "Romania",
        de: "Rumänien",
        zone: ShippingZone::Europe,
        postcodes: &["999999"],
    },
    Country {
        code: "SE",
        fr: "Suède",
        en: "Sweden",
        de: "Schweden",
        zone: ShippingZone::Europe,
        postcodes: &["999 99"],
    },
    Country {
        code: "SI",
        fr: "Slovénie",
        en: "Slovenia",
        de: "Slowenien",
        zone: ShippingZone::Europe,
        postcodes: &["9999"],
    },
    Country {
        code: "SK",
        fr: "Slovaquie",
        en: "Slovakia",
        de: "Slowakei",
        zone: ShippingZone::Europe,
        postcodes: &["999 99"],
    },
    Country {
        code: "AU",
        fr: "Australie",
        en: "Australia",
        de: "Australien",
        zone: ShippingZone::World,
        postcodes: &["9999"],
    },
    Country {
        code: "BR",
        fr: "Brésil",
        en: "Brazil",
        de: "Brasilien",
        zone: ShippingZone::World,
        postcodes: &["99999-999"],
    },
    Country {
        code: "CA",
        fr: "Canada",
        en: "Canada",
        de: "Kanada",
        zone: ShippingZone::World,
        postcodes: &["A9A 9A9"],
    },
    Country { code: "CN", fr: "Chine", en: "China", de: "China", zone: ShippingZone::World, postcodes: &["999999"] },
    Country {
        code: "IL",
        fr: "Israël",
        en: "Israel",
        de: "Israel",
        zone: ShippingZone::World,
        postcodes: &["9999999"],
    },
    Country { code: "IN", fr: "Inde", en: "India", de: "Indien", zone: ShippingZone::World, postcodes: &["999999"] },
    Country { code: "JP", fr: "Japon", en: "Japan", de: "Japan", zone: ShippingZone::World, postcodes: &["999-9999"] },
    Country {
        code: "KR",
        fr: "Corée du Sud",
        en: "South Korea",
        de: "Südkorea",
        zone: ShippingZone::World,
        postcodes: &["99999"],
    },
    Country { code: "MA", fr: "Maroc", en: "Morocco", de: "Marokko", zone: ShippingZone::World, postcodes: &["99999"] },
    Country { code: "MX", fr: "Mexique", en: "Mexico", de: "Mexiko", zone: ShippingZone::World, postcodes: &["99999"] },
    Country {
        code: "NZ",
        fr: "Nouvelle-Zélande",
        en: "New Zealand",
        de: "Neuseeland",
        zone: ShippingZone::World,
        postcodes: &["9999"],
    },
    Country {
        code: "SG",
        fr: "Singapour",
        en: "Singapore",
        de: "Singapur",
        zone: ShippingZone::World,
        postcodes: &["999999"],
    },
    Country {
        code: "US",
        fr: "États-Unis",
        en: "United States",
        de: "Vereinigte Staaten",
        zone: ShippingZone::World,
        postcodes: &["99999", "99999-9999"],
    },
    Country {
        code: "ZA",
        fr: "Afrique du Sud",
        en: "South Africa",
        de: "Südafrika",
        zone: ShippingZone::World,
        postcodes: &["9999"],
    },
];

impl Country {
    pub fn of(code: &str) -> Option<&'static Country> {
        let code = code.trim();
        COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// The country's name in `lang`.
    pub fn name(&self, lang: super::Lang) -> &'static str {
        match lang {
            super::Lang::Fr => self.fr,
            super::Lang::En => self.en,
            super::Lang::De => self.de,
        }
    }

    /// `postcode` written as the country writes it (capitals, one space where one belongs),
    /// when it has one of the country's shapes.
    fn postcode(&self, postcode: &str) -> Option<String> {
        let typed: String = postcode.trim().to_uppercase().split_whitespace().collect::<Vec<_>>().join(" ");
        let bare: String = typed.chars().filter(|c| *c != ' ').collect();
        self.postcodes.iter().find_map(|shape| {
            let shape_bare: String = shape.chars().filter(|c| *c != ' ').collect();
            let fits = bare.chars().count() == shape_bare.chars().count()
                && bare.chars().zip(shape_bare.chars()).all(|(c, s)| match s {
                    '9' => c.is_ascii_digit(),
                    'A' => c.is_ascii_uppercase(),
                    'X' => c.is_ascii_uppercase() || c.is_ascii_digit(),
                    other => c == other,
                });
            // Written with the shape's space, wherever the backer put theirs.
            fits.then(|| {
                let mut chars = bare.chars();
                shape.chars().map(|s| if s == ' ' { ' ' } else { chars.next().unwrap_or(' ') }).collect()
            })
        })
    }

    /// An example of the country's postcodes, for the message that refuses one.
    pub fn example(&self) -> String {
        let shape = self.postcodes[0];
        let mut digits = "1234567890".chars().cycle();
        let mut letters = "ABCDEFGH".chars().cycle();
        shape
            .chars()
            .map(|s| match s {
                '9' | 'X' => digits.next().unwrap_or('1'),
                'A' => letters.next().unwrap_or('A'),
                other => other,
            })
            .collect()
    }
}

/// An address as typed.
#[derive(Debug, Clone, Default)]
pub struct RawAddress {
    pub name: String,
    pub street: String,
    pub building: Option<String>,
    pub postcode: String,
    pub town: String,
    pub country: String,
}

/// An address checked: every line present (but the building, optional) and within its length,
/// a known country, a postcode of its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    pub name: String,
    pub street: String,
    pub building: Option<String>,
    pub postcode: String,
    pub town: String,
    /// ISO 3166 code, in capitals.
    pub country: String,
}

/// Why an address is refused, and in which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressError {
    Missing(&'static str),
    TooLong(&'static str, usize),
    /// Control characters, or a line break in a one-line field.
    Unprintable(&'static str),
    UnknownCountry,
    /// Not a postcode of this country; with an example of one.
    Postcode {
        country: &'static str,
        example: String,
    },
}

impl AddressError {
    /// The field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            AddressError::Missing(field) | AddressError::TooLong(field, _) | AddressError::Unprintable(field) => field,
            AddressError::UnknownCountry => "country",
            AddressError::Postcode { .. } => "postcode",
        }
    }
}

fn line(field: &'static str, text: &str, max: usize) -> Result<String, AddressError> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().any(char::is_control) {
        return Err(AddressError::Unprintable(field));
    }
    if text.is_empty() {
        return Err(AddressError::Missing(field));
    }
    if text.chars().count() > max {
        return Err(AddressError::TooLong(field, max));
    }
    Ok(text)
}

impl RawAddress {
    /// Checks the address in the order of its label.
    pub fn parse(&self) -> Result<PostalAddress, AddressError> {
        // Checked before the spaces are folded: a line break inside a line is refused.
        for (field, text) in [("name", &self.name), ("street", &self.street), ("town", &self.town)] {
            if text.trim().contains(['\n', '\r', '\t']) {
                return Err(AddressError::Unprintable(field));
            }
        }
        let name = line("name", &self.name, NAME_MAX)?;
        let street = line("street", &self.street, LINE_MAX)?;
        let building = match self.building.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
            Some(building) => Some(line("building", building, LINE_MAX)?),
            None => None,
        };
        let country = Country::of(&self.country).ok_or(AddressError::UnknownCountry)?;
        if self.postcode.trim().is_empty() {
            return Err(AddressError::Missing("postcode"));
        }
        let postcode = country
            .postcode(&self.postcode)
            .ok_or_else(|| AddressError::Postcode { country: country.code, example: country.example() })?;
        let town = line("town", &self.town, TOWN_MAX)?;
        Ok(PostalAddress { name, street, building, postcode, town, country: country.code.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(postcode: &str, country: &str) -> RawAddress {
        RawAddress {
            name: "  Zoé   Müller ".into(),
            street: "Rue de Carouge 50".into(),
            building: Some(" ".into()),
            postcode: postcode.into(),
            town: "Genève".into(),
            country: country.into(),
        }
    }

    #[test]
    fn swiss_and_european_postcodes_are_checked_and_written_as_each_country_writes_them() {
        let swiss = raw("1205", "ch").parse().unwrap();
        assert_eq!((swiss.name.as_str(), swiss.country.as_str(), swiss.building), ("Zoé Müller", "CH", None));
        assert_eq!(raw("1011 ab", "NL").parse().unwrap().postcode, "1011 AB");
        assert_eq!(raw("1011AB", "NL").parse().unwrap().postcode, "1011 AB");
        assert_eq!(raw("sw1a 1aa", "GB").parse().unwrap().postcode, "SW1A 1AA");
        assert_eq!(raw("1000-001", "PT").parse().unwrap().postcode, "1000-001");
        assert_eq!(raw("11455", "SE").parse().unwrap().postcode, "114 55");
        assert_eq!(raw("D02 X285", "IE").parse().unwrap().postcode, "D02 X285");
        assert_eq!(raw("75011", "FR").parse().unwrap().postcode, "75011");
        for (postcode, country) in [("120", "CH"), ("12055", "CH"), ("7501", "FR"), ("1011", "NL"), ("00-95", "PL")] {
            let refused = raw(postcode, country).parse().unwrap_err();
            assert_eq!(refused.field(), "postcode", "{postcode} {country}");
        }
        assert_eq!(
            raw("12", "CH").parse().unwrap_err(),
            AddressError::Postcode { country: "CH", example: "1234".into() }
        );
        assert_eq!(raw("94103-1234", "us").parse().unwrap().postcode, "94103-1234");
        assert_eq!(raw("h2x1y4", "CA").parse().unwrap().postcode, "H2X 1Y4");
        assert_eq!(raw("1205", "XX").parse().unwrap_err(), AddressError::UnknownCountry);
    }

    #[test]
    fn every_line_is_present_printable_and_fits_a_label() {
        let mut missing = raw("1205", "CH");
        missing.street = "  ".into();
        assert_eq!(missing.parse().unwrap_err(), AddressError::Missing("street"));
        let mut long = raw("1205", "CH");
        long.town = "G".repeat(TOWN_MAX + 1);
        assert_eq!(long.parse().unwrap_err(), AddressError::TooLong("town", TOWN_MAX));
        let mut broken = raw("1205", "CH");
        broken.name = "Zoé\nMüller".into();
        assert_eq!(broken.parse().unwrap_err(), AddressError::Unprintable("name"));
        let mut building = raw("1205", "CH");
        building.building = Some("c/o Atelier Rose, 2e étage".into());
        assert_eq!(building.parse().unwrap().building.as_deref(), Some("c/o Atelier Rose, 2e étage"));
        assert!(COUNTRIES.iter().all(|c| c.postcode(&c.example()).is_some()), "each example fits its country");
        let zones: Vec<ShippingZone> = COUNTRIES.iter().map(|c| c.zone).collect();
        assert!(zones.is_sorted(), "Switzerland, then Europe, then the world");
        assert_eq!(Country::of("li").map(|c| c.zone), Some(ShippingZone::Switzerland));
    }
}
