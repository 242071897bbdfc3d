// The core reads no environment variable, but libc's locale and time zone
// code (linked with libc++'s std::string) names getenv, and libc's getenv
// brings libc's environment: a start-up constructor that asks the host for
// it through two WASI imports (environ_sizes_get, environ_get). This getenv,
// linked first, keeps all three out of the WASM; it answers what libc's did
// on the adapter's environment, which was always empty: no such variable.
extern "C" char* getenv(const char*) { return nullptr; }
