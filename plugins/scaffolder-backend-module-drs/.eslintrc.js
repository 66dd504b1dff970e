module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // The drift tests start the DRS backend plugin to check the stack template against it.
    '@backstage/no-mixed-plugin-imports': [
      'warn',
      { excludedTargetPackages: ['@drs-orchestration/plugin-drs-backend'] },
    ],
  },
});
