/**
 * Name and place parts for synthetic people. Common words only, combined at random: no record describes a real
 * person. Streets and the borough are invented; postcodes use the "FM" area, which does not exist in the UK.
 */
export const GIVEN_FEMALE = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia', 'Grace', 'Freya', 'Willow', 'Emily', 'Ella', 'Poppy', 'Evie', 'Sienna', 'Aisha', 'Zara', 'Maryam', 'Hannah', 'Chloe', 'Jessica', 'Sarah', 'Rebecca', 'Laura', 'Emma', 'Nicola', 'Michelle', 'Kelly', 'Amy', 'Danielle', 'Gemma', 'Natalie', 'Priya', 'Fatima', 'Agnieszka', 'Chidinma', 'Leanne'];
export const GIVEN_MALE = ['Oliver', 'George', 'Noah', 'Arthur', 'Muhammad', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry', 'Theodore', 'Freddie', 'Jack', 'Charlie', 'Thomas', 'Jacob', 'Alfie', 'Finley', 'Isaac', 'Joshua', 'Daniel', 'James', 'Liam', 'Ryan', 'Craig', 'Darren', 'Lee', 'Mark', 'Paul', 'Stephen', 'Wayne', 'Jamie', 'Kyle', 'Aaron', 'Imran', 'Kwame', 'Tomasz', 'Ravi', 'Callum', 'Connor'];
export const FAMILY = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Hussain', 'Ali', 'Begum', 'Lewis', 'Harris', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Kowalski', 'Nowak', 'Okafor', 'Mensah', 'Singh', 'Ahmed', "O'Brien", 'Hughes', 'Edwards', 'Turner'];
export const STREETS = ['Bracken Way', 'Heron Close', 'Mill Lane', 'Station Road', 'Church Street', 'Alder Grove', 'Foxglove Drive', 'Kingfisher Court', 'Orchard Rise', 'Quarry Hill', 'Tanner Row', 'Weavers Walk', 'Linnet Gardens', 'Moorside Avenue', 'Pennine View', 'Coppice Road', 'Chapel Fold', 'Beck Side', 'Larch Crescent', 'Sandpiper Place'];
export const TOWNS = ['Fernmoor', 'Fernmoor', 'Fernmoor', 'Ashby Fern', 'Low Moor End', 'Kelsey Bridge'];
export const LANGUAGES = ['English', 'English', 'English', 'English', 'English', 'English', 'Polish', 'Urdu', 'Punjabi', 'Romanian', 'Arabic', 'Bengali', 'Somali', 'Portuguese'];

/** A postcode in the invented FM area: valid in format, not a real place. */
export function syntheticPostcode(district: number, sector: number, unit: string): string {
  return `FM${district} ${sector}${unit}`;
}
export const POSTCODE_UNITS = ['AB', 'AD', 'BE', 'BG', 'DF', 'DH', 'EJ', 'FL', 'GN', 'HP', 'JQ', 'LR', 'NS', 'PT', 'QU', 'RW', 'SX', 'TY', 'UZ', 'WA'];
