module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The property tests draw with the simulator's seeded Dice, a node library: tests only.
  testRules: { '@backstage/no-mixed-plugin-imports': 'off' },
});
