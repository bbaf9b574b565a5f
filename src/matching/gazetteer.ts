/**
 * A small gazetteer for search-in-your-own-words: major cities (with ISO 3166-1 alpha-2 country codes
 * and a few local spellings) and countries. Deliberately small and hand-written: it only has to
 * recognise where a searcher says they want to work.
 */
export interface Place { city?: string; country: string }

/** [city, country code, ...alternative names] */
const CITIES: readonly (readonly string[])[] = [
  ['Berlin', 'DE'], ['Munich', 'DE', 'München', 'Muenchen'], ['Hamburg', 'DE'], ['Frankfurt', 'DE', 'Frankfurt am Main'],
  ['Cologne', 'DE', 'Köln', 'Koeln'], ['Stuttgart', 'DE'], ['Düsseldorf', 'DE', 'Dusseldorf', 'Duesseldorf'], ['Leipzig', 'DE'],
  ['Dresden', 'DE'], ['Hanover', 'DE', 'Hannover'], ['Nuremberg', 'DE', 'Nürnberg'], ['Bremen', 'DE'], ['Karlsruhe', 'DE'],
  ['Vienna', 'AT', 'Wien'], ['Graz', 'AT'], ['Zurich', 'CH', 'Zürich'], ['Geneva', 'CH', 'Genève'], ['Basel', 'CH'], ['Bern', 'CH'],
  ['London', 'GB'], ['Manchester', 'GB'], ['Birmingham', 'GB'], ['Edinburgh', 'GB'], ['Glasgow', 'GB'], ['Bristol', 'GB'],
  ['Leeds', 'GB'], ['Cambridge', 'GB'], ['Oxford', 'GB'], ['Dublin', 'IE'], ['Cork', 'IE'],
  ['Paris', 'FR'], ['Lyon', 'FR'], ['Marseille', 'FR'], ['Toulouse', 'FR'], ['Lille', 'FR'], ['Nantes', 'FR'], ['Bordeaux', 'FR'],
  ['Amsterdam', 'NL'], ['Rotterdam', 'NL'], ['Utrecht', 'NL'], ['The Hague', 'NL', 'Den Haag'], ['Eindhoven', 'NL'],
  ['Brussels', 'BE', 'Bruxelles', 'Brussel'], ['Antwerp', 'BE', 'Antwerpen'], ['Luxembourg', 'LU'],
  ['Madrid', 'ES'], ['Barcelona', 'ES'], ['Valencia', 'ES'], ['Seville', 'ES', 'Sevilla'], ['Malaga', 'ES', 'Málaga'],
  ['Lisbon', 'PT', 'Lisboa'], ['Porto', 'PT'], ['Rome', 'IT', 'Roma'], ['Milan', 'IT', 'Milano'], ['Turin', 'IT', 'Torino'],
  ['Naples', 'IT', 'Napoli'], ['Bologna', 'IT'], ['Florence', 'IT', 'Firenze'],
  ['Copenhagen', 'DK', 'København'], ['Aarhus', 'DK'], ['Stockholm', 'SE'], ['Gothenburg', 'SE', 'Göteborg'], ['Malmö', 'SE', 'Malmo'],
  ['Oslo', 'NO'], ['Bergen', 'NO'], ['Helsinki', 'FI'], ['Tallinn', 'EE'], ['Riga', 'LV'], ['Vilnius', 'LT'],
  ['Warsaw', 'PL', 'Warszawa'], ['Krakow', 'PL', 'Kraków', 'Cracow'], ['Wroclaw', 'PL', 'Wrocław'], ['Gdansk', 'PL', 'Gdańsk'],
  ['Prague', 'CZ', 'Praha'], ['Brno', 'CZ'], ['Budapest', 'HU'], ['Bratislava', 'SK'], ['Bucharest', 'RO', 'București'],
  ['Cluj-Napoca', 'RO', 'Cluj'], ['Sofia', 'BG'], ['Athens', 'GR', 'Athina'], ['Thessaloniki', 'GR'], ['Zagreb', 'HR'],
  ['Ljubljana', 'SI'], ['Belgrade', 'RS', 'Beograd'], ['Istanbul', 'TR'], ['Ankara', 'TR'], ['Kyiv', 'UA', 'Kiev'],
  ['New York', 'US', 'NYC', 'New York City'], ['San Francisco', 'US', 'SF'], ['Los Angeles', 'US', 'LA'], ['Seattle', 'US'],
  ['Boston', 'US'], ['Chicago', 'US'], ['Austin', 'US'], ['Denver', 'US'], ['Atlanta', 'US'], ['Miami', 'US'],
  ['Washington', 'US', 'Washington DC', 'Washington D.C.'], ['San Jose', 'US'], ['San Diego', 'US'], ['Dallas', 'US'],
  ['Houston', 'US'], ['Philadelphia', 'US'], ['Portland', 'US'], ['Pittsburgh', 'US'], ['Minneapolis', 'US'],
  ['Toronto', 'CA'], ['Vancouver', 'CA'], ['Montreal', 'CA', 'Montréal'], ['Ottawa', 'CA'], ['Calgary', 'CA'],
  ['Mexico City', 'MX', 'Ciudad de México'], ['Guadalajara', 'MX'], ['São Paulo', 'BR', 'Sao Paulo'], ['Rio de Janeiro', 'BR', 'Rio'],
  ['Buenos Aires', 'AR'], ['Santiago', 'CL'], ['Bogotá', 'CO', 'Bogota'], ['Medellín', 'CO', 'Medellin'], ['Lima', 'PE'],
  ['Tel Aviv', 'IL'], ['Dubai', 'AE'], ['Abu Dhabi', 'AE'], ['Riyadh', 'SA'], ['Doha', 'QA'], ['Cairo', 'EG'],
  ['Lagos', 'NG'], ['Nairobi', 'KE'], ['Cape Town', 'ZA'], ['Johannesburg', 'ZA'], ['Casablanca', 'MA'],
  ['Bangalore', 'IN', 'Bengaluru'], ['Mumbai', 'IN', 'Bombay'], ['Delhi', 'IN', 'New Delhi'], ['Hyderabad', 'IN'], ['Pune', 'IN'],
  ['Chennai', 'IN'], ['Singapore', 'SG'], ['Kuala Lumpur', 'MY'], ['Jakarta', 'ID'], ['Bangkok', 'TH'], ['Manila', 'PH'],
  ['Ho Chi Minh City', 'VN', 'Saigon'], ['Hanoi', 'VN'], ['Hong Kong', 'HK'], ['Shanghai', 'CN'], ['Beijing', 'CN'],
  ['Shenzhen', 'CN'], ['Taipei', 'TW'], ['Seoul', 'KR'], ['Tokyo', 'JP'], ['Osaka', 'JP'],
  ['Sydney', 'AU'], ['Melbourne', 'AU'], ['Brisbane', 'AU'], ['Perth', 'AU'], ['Auckland', 'NZ'], ['Wellington', 'NZ'],
];

/** [code, name, ...alternative names] */
const COUNTRIES: readonly (readonly string[])[] = [
  ['DE', 'Germany', 'Deutschland'], ['AT', 'Austria', 'Österreich'], ['CH', 'Switzerland', 'Schweiz'], ['GB', 'United Kingdom', 'UK', 'Great Britain', 'England', 'Britain'],
  ['IE', 'Ireland'], ['FR', 'France'], ['NL', 'Netherlands', 'The Netherlands', 'Holland'], ['BE', 'Belgium'], ['LU', 'Luxembourg'],
  ['ES', 'Spain', 'España'], ['PT', 'Portugal'], ['IT', 'Italy', 'Italia'], ['DK', 'Denmark'], ['SE', 'Sweden'], ['NO', 'Norway'],
  ['FI', 'Finland'], ['EE', 'Estonia'], ['LV', 'Latvia'], ['LT', 'Lithuania'], ['PL', 'Poland', 'Polska'], ['CZ', 'Czech Republic', 'Czechia'],
  ['HU', 'Hungary'], ['SK', 'Slovakia'], ['RO', 'Romania'], ['BG', 'Bulgaria'], ['GR', 'Greece'], ['HR', 'Croatia'], ['SI', 'Slovenia'],
  ['RS', 'Serbia'], ['TR', 'Turkey', 'Türkiye'], ['UA', 'Ukraine'], ['US', 'United States', 'USA', 'US', 'United States of America', 'America'],
  ['CA', 'Canada'], ['MX', 'Mexico'], ['BR', 'Brazil', 'Brasil'], ['AR', 'Argentina'], ['CL', 'Chile'], ['CO', 'Colombia'], ['PE', 'Peru'],
  ['IL', 'Israel'], ['AE', 'United Arab Emirates', 'UAE'], ['SA', 'Saudi Arabia'], ['QA', 'Qatar'], ['EG', 'Egypt'], ['NG', 'Nigeria'],
  ['KE', 'Kenya'], ['ZA', 'South Africa'], ['MA', 'Morocco'], ['IN', 'India'], ['SG', 'Singapore'], ['MY', 'Malaysia'], ['ID', 'Indonesia'],
  ['TH', 'Thailand'], ['PH', 'Philippines'], ['VN', 'Vietnam'], ['HK', 'Hong Kong'], ['CN', 'China'], ['TW', 'Taiwan'], ['KR', 'South Korea', 'Korea'],
  ['JP', 'Japan'], ['AU', 'Australia'], ['NZ', 'New Zealand'],
];

export interface Gazetteer {
  /** Place by label key (lower-cased tokens joined by spaces). */
  byKey: Map<string, Place & { label: string }>;
  maxTokens: number;
}

export function cityCount(): number { return CITIES.length; }

let built: Gazetteer | undefined;

/** Built once; keys are produced by the same `key` function the parser uses on the query. */
export function gazetteer(key: (s: string) => string): Gazetteer {
  if (built) return built;
  const byKey = new Map<string, Place & { label: string }>();
  let maxTokens = 1;
  const add = (name: string, place: Place & { label: string }) => {
    const k = key(name);
    if (!k || byKey.has(k)) return;
    byKey.set(k, place);
    maxTokens = Math.max(maxTokens, k.split(' ').length);
  };
  for (const [code, name, ...alts] of COUNTRIES) {
    for (const n of [name!, ...alts]) add(n, { country: code!, label: name! });
  }
  // Cities after countries: "Singapore", "Luxembourg" and "Hong Kong" stay countries (the city is implied).
  for (const [city, code, ...alts] of CITIES) {
    for (const n of [city!, ...alts]) add(n, { city: city!, country: code!, label: city! });
  }
  built = { byKey, maxTokens };
  return built;
}
