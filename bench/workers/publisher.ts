// DeviceHub load from its own process: publishes tag-value messages to NATS at a paced rate for a duration,
// each stamped with its publish time, then prints {published, seconds} as JSON.
// argv: <natsUrl> <msgsPerSec> <seconds> [devices=100] [tags=50]
import { connect } from 'nats';
import { encodeMessage, subjectFor } from '../../src/devicehub/message.ts';

const [url = '', rateArg = '50000', secsArg = '10', devArg = '100', tagArg = '50'] = process.argv.slice(2);
const rate = Number(rateArg);
const secs = Number(secsArg);
const devices = Array.from({ length: Number(devArg) }, (_, d) => ({
  id: `0f6a${String(d).padStart(4, '0')}-1111-4222-8333-444455556666`,
  name: `P1_L1_Machine${d}_1_OPC`,
}));
const tags = Number(tagArg);

const nc = await connect({ servers: url, name: 'bench-publisher', pingInterval: 5000 });
let published = 0;
const t0 = Date.now();
const end = t0 + secs * 1000;
while (Date.now() < end) {
  // Catch up to the schedule in one burst per tick; the client buffers and the flush paces the socket.
  const due = Math.floor(((Date.now() - t0) / 1000) * rate);
  const now = Date.now();
  for (; published < due; published++) {
    const dev = devices[published % devices.length]!;
    const tag = Math.floor(published / devices.length) % tags;
    nc.publish(
      subjectFor(dev.id, `t${tag}`),
      encodeMessage({
        deviceID: dev.id,
        deviceName: dev.name,
        tagName: `Tag_${tag}`,
        registerId: `40${tag}`,
        datatype: 'float64',
        description: '',
        metadata: null,
        success: true,
        timestamp: now,
        value: Math.sin(published) * 50 + 50,
      }),
    );
  }
  await nc.flush();
  await new Promise((r) => setTimeout(r, 5));
}
await nc.drain();
console.log(JSON.stringify({ published, seconds: (Date.now() - t0) / 1000 }));
