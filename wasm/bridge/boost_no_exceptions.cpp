// The core is built without exceptions (-fno-exceptions), so Boost calls this
// instead of throwing. The core uses only Boost.JSON's non-throwing API on
// untrusted data; reaching here is a bug, and aborting beats running on with
// corrupt state. The adapter sees the abort as a failed core call.
#include <boost/assert/source_location.hpp>
#include <boost/throw_exception.hpp>

#include <cstdlib>
#include <exception>

namespace boost {

void throw_exception(const std::exception&) { std::abort(); }

void throw_exception(const std::exception&, const boost::source_location&) { std::abort(); }

}  // namespace boost
