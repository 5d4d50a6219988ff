// A real zwave-js driver on a mock serial port, a simulated controller and keypad lock, and the real
// zwave-js server on 127.0.0.1 (no DNS-SD), all in this one process. Usage: node mock_lock.cjs PORT CACHE_DIR
// The lock: User Code CC v2 with 10 users, Schedule Entry Lock CC v3 (year-day and week-day slots), Door Lock.
"use strict";
const {
  createAndStartDriverWithMockPort,
  createDefaultMockControllerBehaviors,
  createDefaultMockNodeBehaviors,
} = require("zwave-js/Testing");
const { MockController, MockNode } = require("@zwave-js/testing");
const { ZwavejsServer } = require("@zwave-js/server");

const port = Number(process.argv[2]);
const cacheDir = process.argv[3];
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };

async function main() {
  const { driver, continueStartup, mockPort, serial } = await createAndStartDriverWithMockPort({
    securityKeys: { S0_Legacy: Buffer.from("0102030405060708090a0b0c0d0e0f10", "hex") },
    storage: { cacheDir },
    testingHooks: { skipFirmwareIdentification: true },
    logConfig: { enabled: false },
  });
  const controller = await MockController.create({ mockPort, serial, homeId: 0x7e570001, ownNodeId: 1 });
  controller.defineBehavior(...createDefaultMockControllerBehaviors());
  const lock = await MockNode.create({
    id: 2,
    controller,
    capabilities: {
      genericDeviceClass: 0x40,
      specificDeviceClass: 0x03,
      commandClasses: [
        0x72,
        0x86,
        { ccId: 0x62, version: 4 },
        { ccId: 0x63, version: 2, numUsers: 10 },
        { ccId: 0x4e, version: 3, numWeekDaySlots: 2, numYearDaySlots: 2, numDailyRepeatingSlots: 0 },
      ],
    },
  });
  lock.defineBehavior(...createDefaultMockNodeBehaviors());
  controller.addNode(lock);

  let server;
  driver.once("driver ready", async () => {
    server = new ZwavejsServer(driver, { host: "127.0.0.1", port, enableDNSServiceDiscovery: false, logger: quiet });
    await server.start(true);
    process.stdout.write("READY\n");
  });
  const stop = async () => {
    if (server) await server.destroy();
    await driver.destroy();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  continueStartup();
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
