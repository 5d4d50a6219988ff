// A real zwave-js driver on a mock serial port, a simulated controller and three keypad locks, and the real
// zwave-js server on 127.0.0.1 (no DNS-SD), all in this one process. Usage: node mock_lock.cjs PORT CACHE_DIR
//   node 2: User Code CC v2 (10 users), Schedule Entry Lock CC v3 (2 year-day, 2 week-day slots), Door Lock.
//   node 3: the same, but codes are User Credential CC credentials (the access-control API).
//   node 4: a sleeping lock (Wake Up CC, interval 3600 s): takes commands only after a wake-up notification.
// Control lines on stdin, for tests: "ack NODE on|off" (the lock answers, or acknowledges and answers nothing), "wake NODE" (send a Wake Up
// Notification), "sleep NODE" (the sleeping lock goes back to sleep at once), "held NODE SLOT" (print what the
// simulated lock itself holds for a user: "HELD {code, enabled, yearDay, weekDays}"), "keypad NODE USER [EVENT]"
// (the lock sends an Access Control notification: by default 6, USER unlocked it at the keypad; 5 keypad lock,
// 34 unlock with user code, 36 credential unlock), "writes NODE SLOT" (print how often the lock's user code
// for SLOT was written: "WRITES n"). Prints READY, then "OK <line>" after each control line.
// The locks keep their user codes and schedules (and the write counts) in CACHE_DIR/locks.json, written at
// every change: killed and started again on the same cache, the process is a Z-Wave server that restarted
// while its locks kept what they hold (node 3's credentials are not kept).
"use strict";
const readline = require("node:readline");
const {
  createAndStartDriverWithMockPort,
  createDefaultMockControllerBehaviors,
  createDefaultMockNodeBehaviors,
} = require("zwave-js/Testing");
const { MockController, MockNode, createMockZWaveRequestFrame } = require("@zwave-js/testing");
const { ZwavejsServer } = require("@zwave-js/server");
const {
  WakeUpCCIntervalGet,
  WakeUpCCIntervalReport,
  WakeUpCCIntervalCapabilitiesGet,
  WakeUpCCIntervalCapabilitiesReport,
  WakeUpCCWakeUpNotification,
  UserCredentialType,
  UserCredentialRule,
  ScheduleEntryLockCCEnableSet,
  NotificationCCReport,
  UserCodeCCSet,
  UserCodeCCExtendedUserCodeSet,
} = require("@zwave-js/cc");

const port = Number(process.argv[2]);
const cacheDir = process.argv[3];
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
const fs = require("node:fs");
const path = require("node:path");
const locksFile = path.join(cacheDir, "locks.json");
const kept = /^(UserCode_|ScheduleEntryLock_)/;
const WAKE_INTERVAL_S = 3600;

const lockClasses = [
  0x72,
  0x86,
  { ccId: 0x62, version: 4 },
  { ccId: 0x4e, version: 3, numWeekDaySlots: 2, numYearDaySlots: 2, numDailyRepeatingSlots: 0 },
];

// The sleeping lock answers the driver's Wake Up CC questions (zwave-js ships no mock behaviour for them).
const wakeUpBehavior = {
  handleCC(controller, self, receivedCC) {
    if (receivedCC instanceof WakeUpCCIntervalGet) {
      const cc = new WakeUpCCIntervalReport({
        nodeId: controller.ownNodeId,
        wakeUpInterval: WAKE_INTERVAL_S,
        controllerNodeId: controller.ownNodeId,
      });
      return { action: "sendCC", cc };
    }
    if (receivedCC instanceof WakeUpCCIntervalCapabilitiesGet) {
      const cc = new WakeUpCCIntervalCapabilitiesReport({
        nodeId: controller.ownNodeId,
        minWakeUpInterval: 300,
        maxWakeUpInterval: 86400,
        defaultWakeUpInterval: WAKE_INTERVAL_S,
        wakeUpIntervalSteps: 300,
        wakeUpOnDemandSupported: false,
      });
      return { action: "sendCC", cc };
    }
    return undefined;
  },
};

// zwave-js's mock accepts "schedules on/off for a user" without keeping it; this lock remembers it, so a test
// can tell whether a window really limits a code.
const scheduleSwitchBehavior = {
  handleCC(controller, self, receivedCC) {
    if (receivedCC instanceof ScheduleEntryLockCCEnableSet) {
      self.state.set(`ScheduleEntryLock_enabled_${receivedCC.userId}`, receivedCC.enabled);
      return { action: "ok" };
    }
    return undefined;
  },
};

// Every user code the controller sends a lock (a set or a clear of one user) is counted, once per command.
const countWritesBehavior = {
  handleCC(controller, self, receivedCC) {
    const users =
      receivedCC instanceof UserCodeCCSet
        ? [receivedCC.userId]
        : receivedCC instanceof UserCodeCCExtendedUserCodeSet
          ? receivedCC.userCodes.map((entry) => entry.userId)
          : [];
    if (users.length && !muted.has(self.id)) {
      for (const user of users) writes[`${self.id}_${user}`] = (writes[`${self.id}_${user}`] ?? 0) + 1;
      saveLocks();
    }
    return undefined;
  },
};

// A lock out of reach answers nothing: while muted, a node drops every command (and, with autoAck off,
// acknowledges none).
const muted = new Set();
const muteBehavior = {
  handleCC(controller, self, receivedCC) {
    return muted.has(self.id) ? { action: "stop" } : undefined;
  },
};

// An Access Control notification (type 6) as a lock sends it on its own when a code is used. Events 5/6/34
// carry the user id as one byte (zwave-js: {userId} for 5/6, {"user ID"} for 34); 36 carries Credential Usage
// Data, which zwave-js 15.29 does not decode: here user id (2 bytes), credential type PIN (1), credential slot
// (2 bytes), a layout assumed from the spec, unverified.
function keypadReport(controller, user, event) {
  const eventParameters = event === 36 ? Uint8Array.from([0, user, 1, 0, user]) : Uint8Array.from([user]);
  return new NotificationCCReport({
    nodeId: controller.ownNodeId,
    notificationType: 0x06,
    notificationEvent: event,
    eventParameters,
  });
}

// What a simulated lock holds for one user, read from its own state (not through the driver).
function held(node, slot) {
  const state = node.state;
  let code = null;
  if (node.id === 3) {
    const credential = state.get(`UserCredential_cred_${UserCredentialType.PINCode}_${slot}`);
    const data = credential && credential.userId === slot ? credential.credentialData : undefined;
    code = data && data.length ? Buffer.from(data).toString("latin1") : null;
  } else if (state.get(`UserCode_userIdStatus_${slot}`) === 1) {
    code = String(state.get(`UserCode_userCode_${slot}`) ?? "") || null;
  }
  return {
    code,
    enabled: state.get(`ScheduleEntryLock_enabled_${slot}`) ?? false,
    yearDay: state.get(`ScheduleEntryLock_schedule_${slot}_1_1`) ?? null,
    weekDays: [1, 2].map((entry) => state.get(`ScheduleEntryLock_schedule_${slot}_${entry}_0`) ?? null),
  };
}

// What the locks hold survives the process: restored from locks.json, and written there at every change.
const writes = {};
let saveLocks = () => {};
function keepLockState(nodes) {
  let saved = { writes: {}, nodes: {} };
  try {
    saved = JSON.parse(fs.readFileSync(locksFile, "utf8"));
  } catch {
    // a fresh cache: the locks start empty
  }
  Object.assign(writes, saved.writes);
  const save = () => {
    const out = { writes, nodes: {} };
    for (const [id, node] of Object.entries(nodes)) {
      out.nodes[id] = [...node.state.entries()].filter(([key]) => kept.test(key));
    }
    fs.writeFileSync(`${locksFile}.tmp`, JSON.stringify(out));
    fs.renameSync(`${locksFile}.tmp`, locksFile);
  };
  saveLocks = save;
  for (const [id, node] of Object.entries(nodes)) {
    const set = node.state.set.bind(node.state);
    for (const [key, value] of saved.nodes[id] ?? []) set(key, value);
    node.state.set = (key, value) => {
      set(key, value);
      if (kept.test(key)) save();
      return node.state;
    };
  }
}

async function main() {
  const { driver, continueStartup, mockPort, serial } = await createAndStartDriverWithMockPort({
    securityKeys: { S0_Legacy: Buffer.from("0102030405060708090a0b0c0d0e0f10", "hex") },
    storage: { cacheDir },
    testingHooks: { skipFirmwareIdentification: true },
    logConfig: { enabled: false },
  });
  const controller = await MockController.create({ mockPort, serial, homeId: 0x7e570001, ownNodeId: 1 });
  controller.defineBehavior(...createDefaultMockControllerBehaviors());
  const codes = await MockNode.create({
    id: 2,
    controller,
    capabilities: {
      genericDeviceClass: 0x40,
      specificDeviceClass: 0x03,
      commandClasses: [...lockClasses, { ccId: 0x63, version: 2, numUsers: 10 }],
    },
  });
  const credentials = await MockNode.create({
    id: 3,
    controller,
    capabilities: {
      genericDeviceClass: 0x40,
      specificDeviceClass: 0x03,
      commandClasses: [
        ...lockClasses,
        { ccId: 0x63, version: 2, numUsers: 10 },
        {
          ccId: 0x83,
          version: 1,
          numberOfSupportedUsers: 10,
          supportedCredentialRules: [UserCredentialRule.Single],
          maxUserNameLength: 32,
          supportedCredentialTypes: new Map([
            [
              UserCredentialType.PINCode,
              {
                numberOfCredentialSlots: 10,
                minCredentialLength: 4,
                maxCredentialLength: 10,
                maxCredentialHashLength: 0,
                supportsCredentialLearn: false,
              },
            ],
          ]),
        },
      ],
    },
  });
  const sleeper = await MockNode.create({
    id: 4,
    controller,
    capabilities: {
      genericDeviceClass: 0x40,
      specificDeviceClass: 0x03,
      isListening: false,
      isFrequentListening: false,
      commandClasses: [...lockClasses, { ccId: 0x63, version: 2, numUsers: 10 }, { ccId: 0x84, version: 2 }],
    },
  });
  const nodes = { 2: codes, 3: credentials, 4: sleeper };
  keepLockState(nodes);
  for (const node of Object.values(nodes)) {
    node.defineBehavior(...createDefaultMockNodeBehaviors());
    node.defineBehavior(scheduleSwitchBehavior);
    node.defineBehavior(muteBehavior);
    node.defineBehavior(countWritesBehavior);
    controller.addNode(node);
  }
  sleeper.defineBehavior(wakeUpBehavior);

  const wake = (node) =>
    node.sendToController(createMockZWaveRequestFrame(new WakeUpCCWakeUpNotification({ nodeId: node.id })));

  let server;
  driver.once("driver ready", async () => {
    // The sleeping lock is interviewed only while awake: wake it until the driver knows it, then let it sleep.
    const asleep = driver.controller.nodes.get(sleeper.id);
    for (let tries = 0; tries < 40 && !asleep.ready; tries++) {
      await wake(sleeper);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    asleep.markAsAsleep();
    server = new ZwavejsServer(driver, { host: "127.0.0.1", port, enableDNSServiceDiscovery: false, logger: quiet });
    await server.start(true);
    process.stdout.write(asleep.ready ? "READY\n" : "NOT READY: the sleeping lock was not interviewed\n");
  });

  readline.createInterface({ input: process.stdin }).on("line", async (line) => {
    const [command, id, arg, event] = line.trim().split(/\s+/);
    const node = nodes[Number(id)];
    if (node === undefined) return;
    if (command === "ack") {
      node.autoAckControllerFrames = arg !== "off";
      if (arg === "off") muted.add(node.id);
      else muted.delete(node.id);
    }
    if (command === "wake") await wake(node);
    if (command === "sleep") driver.controller.nodes.get(node.id)?.markAsAsleep();
    if (command === "held") process.stdout.write(`HELD ${JSON.stringify(held(node, Number(arg)))}\n`);
    if (command === "writes") process.stdout.write(`WRITES ${writes[`${node.id}_${arg}`] ?? 0}\n`);
    if (command === "keypad") {
      // Unsolicited, like zwave-js's own mock reports: no acknowledgement asked for.
      const report = keypadReport(controller, Number(arg), Number(event ?? 6));
      await node.sendToController(createMockZWaveRequestFrame(report, { ackRequested: false }));
    }
    process.stdout.write(`OK ${line.trim()}\n`);
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
