// Repository scripts are no workspace package, so `backstage-cli repo lint` skips them.
module.exports = {
  root: true,
  extends: ['eslint:recommended'],
  env: { node: true, es2022: true },
  parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
};
