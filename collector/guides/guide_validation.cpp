#include "guides/guide_validation.h"

#include "json/reader.h"


#if defined(CAIRN_HAVE_GUIDE_CODEC) && __has_include("guide/guide_codec.h")
#include "guide/guide_codec.h"
#define CAIRN_GUIDE_CODEC_ACTIVE 1
#endif

namespace cairn::guides {

namespace {

json::Problems check_shape(const boost::json::object& document) {
  json::Problems problems;
#ifdef CAIRN_GUIDE_CODEC_ACTIVE
  boost::json::value value(document);
  guide::parse_guide(value, "", problems);
#else
  const boost::json::value* name = document.if_contains("name");
  if (!name) {
    problems.add("/name", "required");
  } else if (!name->is_string()) {
    problems.add("/name", "must be a string");
  }
  const boost::json::value* steps = document.if_contains("steps");
  if (!steps) {
    problems.add("/steps", "required");
  } else if (!steps->is_array() || steps->get_array().empty()) {
    problems.add("/steps", "must be a non-empty array");
  }
#endif
  return problems;
}

}  // namespace

bool uses_guide_codec() {
#ifdef CAIRN_GUIDE_CODEC_ACTIVE
  return true;
#else
  return false;
#endif
}

bool is_valid_guide_id(std::string_view id) {
#ifdef CAIRN_GUIDE_CODEC_ACTIVE
  return guide::is_valid_guide_id(id);
#else
  (void)id;
  return false;
#endif
}

ParsedGuide parse_guide_document(std::string_view text) {
  ParsedGuide out;
  json::ParseLimits limits;
  limits.max_bytes = kMaxGuideBytes;
  limits.max_depth = kMaxGuideDepth;
  std::optional<boost::json::value> value = json::parse_document(text, out.problems, limits);
  if (!value) return out;
  boost::json::object* object = value->if_object();
  if (!object) {
    out.problems.add("", "must be an object");
    return out;
  }
  out.document = std::move(*object);
  out.problems = check_shape(*out.document);
  return out;
}

json::Problems check_guide(const boost::json::object& document) { return check_shape(document); }

}  // namespace cairn::guides
