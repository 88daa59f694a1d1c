// Runs before the test framework: what `taro build --type h5` would have defined.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
