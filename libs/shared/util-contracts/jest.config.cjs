module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'shared-util-contracts',
  rootDir: __dirname,
};
