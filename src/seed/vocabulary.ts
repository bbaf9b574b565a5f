/** Word lists for demo data. Names are for display only: matching never reads them. */
export const FIRST_NAMES = [
  'Aisha', 'Alex', 'Amara', 'Ana', 'Andrei', 'Arjun', 'Ben', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Deepa', 'Diego', 'Elena',
  'Emeka', 'Emma', 'Fatima', 'Felix', 'Grace', 'Hana', 'Hiroshi', 'Ibrahim', 'Ines', 'Isabel', 'Jamal', 'Jana', 'Javier', 'Jin',
  'Julia', 'Kofi', 'Lars', 'Layla', 'Leon', 'Lucia', 'Marek', 'Maria', 'Mateo', 'Mei', 'Mohammed', 'Nadia', 'Noah', 'Nora',
  'Olga', 'Omar', 'Priya', 'Rafael', 'Ravi', 'Rosa', 'Sam', 'Sara', 'Sofia', 'Tariq', 'Thomas', 'Tomasz', 'Wei', 'Yara', 'Yusuf', 'Zoe',
];
export const LAST_NAMES = [
  'Adeyemi', 'Alvarez', 'Andersen', 'Bauer', 'Becker', 'Brown', 'Chen', 'Costa', 'Dubois', 'Eriksson', 'Fernandes', 'Fischer',
  'Garcia', 'Gupta', 'Hansen', 'Hoffmann', 'Ivanova', 'Jansen', 'Kim', 'Kowalski', 'Kumar', 'Laurent', 'Li', 'Lopez', 'Martin',
  'Meyer', 'Moreau', 'Müller', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Rossi', 'Santos', 'Schmidt',
  'Silva', 'Singh', 'Smith', 'Suzuki', 'Tanaka', 'Weber', 'Williams', 'Wong', 'Yilmaz', 'Zhang',
];

/** City, country, weight (rough share of a European-centred job board). */
export const CITIES: readonly (readonly [string, string, number])[] = [
  ['Berlin', 'DE', 8], ['Munich', 'DE', 5], ['Hamburg', 'DE', 4], ['Frankfurt', 'DE', 3], ['Cologne', 'DE', 2],
  ['London', 'GB', 9], ['Manchester', 'GB', 3], ['Edinburgh', 'GB', 2], ['Paris', 'FR', 7], ['Lyon', 'FR', 2],
  ['Amsterdam', 'NL', 5], ['Rotterdam', 'NL', 2], ['Brussels', 'BE', 2], ['Madrid', 'ES', 4], ['Barcelona', 'ES', 4],
  ['Lisbon', 'PT', 3], ['Milan', 'IT', 3], ['Rome', 'IT', 2], ['Vienna', 'AT', 3], ['Zurich', 'CH', 3], ['Warsaw', 'PL', 3],
  ['Krakow', 'PL', 2], ['Prague', 'CZ', 2], ['Stockholm', 'SE', 3], ['Copenhagen', 'DK', 2], ['Oslo', 'NO', 1],
  ['Helsinki', 'FI', 1], ['Dublin', 'IE', 3], ['New York', 'US', 6], ['San Francisco', 'US', 4], ['Austin', 'US', 2],
  ['Chicago', 'US', 2], ['Toronto', 'CA', 3], ['Bangalore', 'IN', 3], ['Singapore', 'SG', 2], ['Sydney', 'AU', 2],
];

export const COUNTRY_LANGUAGE: Record<string, string> = {
  DE: 'German', AT: 'German', CH: 'German', FR: 'French', BE: 'French', NL: 'Dutch', ES: 'Spanish', PT: 'Portuguese',
  IT: 'Italian', PL: 'Polish', CZ: 'Czech', SE: 'Swedish', DK: 'Danish', NO: 'Norwegian', FI: 'Finnish',
};

export const CURRENCY: Record<string, string> = {
  GB: 'GBP', US: 'USD', CA: 'CAD', IN: 'INR', SG: 'SGD', AU: 'AUD', CH: 'CHF', PL: 'PLN', CZ: 'CZK', SE: 'SEK', DK: 'DKK', NO: 'NOK',
};

export const COMPANY_PREFIX = [
  'Acme', 'Aurora', 'Beacon', 'Blue', 'Bright', 'Cedar', 'Civic', 'Clear', 'Cobalt', 'Crest', 'Delta', 'Ember', 'Evergreen',
  'Falcon', 'Fern', 'Granite', 'Harbor', 'Helix', 'Horizon', 'Iris', 'Juniper', 'Keystone', 'Lumen', 'Maple', 'Meridian',
  'Nimbus', 'North', 'Nova', 'Oak', 'Orbit', 'Pioneer', 'Prism', 'Quartz', 'Quest', 'River', 'Summit', 'Terra', 'Vertex', 'Vista', 'Zenith',
];
export const COMPANY_SUFFIX = ['Labs', 'Systems', 'Health', 'Logistics', 'Analytics', 'Works', 'Group', 'Partners', 'Foods', 'Energy', 'Bank', 'Retail', 'Studios', 'Care', 'Robotics', 'Media', 'Mobility', 'Capital'];
export const UNIVERSITIES = [
  'Technical University of Munich', 'University of Amsterdam', 'KTH Royal Institute of Technology', 'University of Manchester',
  'Sorbonne University', 'University of Barcelona', 'Politecnico di Milano', 'University of Warsaw', 'Trinity College Dublin',
  'University of Toronto', 'ETH Zurich', 'University of Lisbon', 'Charles University', 'University of Copenhagen',
  'Humboldt University of Berlin', 'University of Edinburgh', 'Open University', 'City College', 'State Vocational School',
];
export const COURSE_PROVIDERS = ['Fitwise Academy', 'OpenLearn', 'Coursewise', 'SkillBridge', 'Community College Online', 'TechTrack', 'CareerLab'];

/** Sentence templates for experience descriptions; `{skill}` and `{skill2}` are filled from the member's skills. */
export const DUTY_TEMPLATES = [
  'Used {skill} daily to deliver projects on time.',
  'Led an initiative applying {skill} and {skill2} that cut costs by {pct}%.',
  'Introduced {skill} practices across a team of {n}.',
  'Responsible for {skill} and {skill2} for key clients.',
  'Improved quality metrics by {pct}% through better {skill}.',
  'Trained {n} colleagues in {skill}.',
  'Owned {skill} end to end, working closely with stakeholders.',
];
