import { linkCsv } from './src/cli/link.js';
const t0 = performance.now();
await linkCsv({ input: '/tmp/p300k.csv', out: '/tmp/c300k.csv', map: 'given=first_name,family=surname,dob=dob,gender=sex,postcode=postcode,streetNumber=house,street=street,locality=town,id:nhs_number=nhs_number', log: (m) => console.log(((performance.now() - t0) / 1000).toFixed(2), m) });
console.log(((performance.now() - t0) / 1000).toFixed(2), 'done');
