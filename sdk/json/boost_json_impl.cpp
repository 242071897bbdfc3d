// Boost.JSON compiled into the core once, header-only style, so the native and
// the Emscripten builds use the same code and neither links a prebuilt library.
#include <boost/config.hpp>  // defines BOOST_NO_EXCEPTIONS under -fno-exceptions

#ifndef BOOST_NO_EXCEPTIONS
#include <boost/json/src.hpp>
#else
// Without exceptions (the WASM build) every Boost.JSON throw ends in our
// boost::throw_exception, which aborts. Boost's own throw_system_error first
// builds a boost::system::system_error, whose message formatting drags printf,
// strerror and the system error categories (~11 KB of WASM) into a path that
// only aborts. So this build takes every src.hpp part but detail/impl/except.ipp
// (Boost 1.81's list) and defines those throw helpers without the formatting.
#include <boost/json.hpp>
#include <boost/json/detail/config.hpp>
#include <boost/json/impl/array.ipp>
#include <boost/json/impl/error.ipp>
#include <boost/json/impl/kind.ipp>
#include <boost/json/impl/monotonic_resource.ipp>
#include <boost/json/impl/null_resource.ipp>
#include <boost/json/impl/object.ipp>
#include <boost/json/impl/parse.ipp>
#include <boost/json/impl/parser.ipp>
#include <boost/json/impl/pointer.ipp>
#include <boost/json/impl/serialize.ipp>
#include <boost/json/impl/serializer.ipp>
#include <boost/json/impl/static_resource.ipp>
#include <boost/json/impl/stream_parser.ipp>
#include <boost/json/impl/string.ipp>
#include <boost/json/impl/value.ipp>
#include <boost/json/impl/value_stack.ipp>
#include <boost/json/impl/value_ref.ipp>
#include <boost/json/detail/impl/shared_resource.ipp>
#include <boost/json/detail/impl/default_resource.ipp>
#include <boost/json/detail/impl/format.ipp>
#include <boost/json/detail/impl/handler.ipp>
#include <boost/json/detail/impl/stack.ipp>
#include <boost/json/detail/impl/string_impl.ipp>
#include <boost/json/detail/ryu/impl/d2s.ipp>

#include <cstdlib>

// Each helper aborts directly, without building a std::exception (whose type
// info links libc++abi's dynamic_cast search) or reading the error_code it is
// handed: with nothing reading those codes (json::number_as_double, not
// to_number<double>), Boost.JSON's error category and its 39 messages stay
// out of the WASM too.
namespace boost::json::detail {

void throw_bad_alloc(source_location const&) { std::abort(); }

void throw_length_error(char const*, source_location const&) { std::abort(); }

void throw_invalid_argument(char const*, source_location const&) { std::abort(); }

void throw_out_of_range(source_location const&) { std::abort(); }

void throw_system_error(error_code const&, source_location const&) { std::abort(); }

}  // namespace boost::json::detail
#endif
