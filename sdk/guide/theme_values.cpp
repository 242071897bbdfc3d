#include "guide/theme_values.h"

#include <algorithm>

namespace cairn::guide {

namespace {

// CSS Color Module Level 4 named colours, each between "|". One string, not
// an array of 149 string_views: the array's pointers and sizes cost the WASM
// build about 1 KB that gzip could not shrink.
constexpr std::string_view kNamedColors =
    "|aliceblue|antiquewhite|aqua|aquamarine|azure|beige|bisque|black|blanchedalmond|blue|"
    "blueviolet|brown|burlywood|cadetblue|chartreuse|chocolate|coral|cornflowerblue|cornsilk|"
    "crimson|cyan|darkblue|darkcyan|darkgoldenrod|darkgray|darkgreen|darkgrey|darkkhaki|"
    "darkmagenta|darkolivegreen|darkorange|darkorchid|darkred|darksalmon|darkseagreen|"
    "darkslateblue|darkslategray|darkslategrey|darkturquoise|darkviolet|deeppink|deepskyblue|"
    "dimgray|dimgrey|dodgerblue|firebrick|floralwhite|forestgreen|fuchsia|gainsboro|"
    "ghostwhite|gold|goldenrod|gray|green|greenyellow|grey|honeydew|hotpink|indianred|indigo|"
    "ivory|khaki|lavender|lavenderblush|lawngreen|lemonchiffon|lightblue|lightcoral|"
    "lightcyan|lightgoldenrodyellow|lightgray|lightgreen|lightgrey|lightpink|lightsalmon|"
    "lightseagreen|lightskyblue|lightslategray|lightslategrey|lightsteelblue|lightyellow|"
    "lime|limegreen|linen|magenta|maroon|mediumaquamarine|mediumblue|mediumorchid|"
    "mediumpurple|mediumseagreen|mediumslateblue|mediumspringgreen|mediumturquoise|"
    "mediumvioletred|midnightblue|mintcream|mistyrose|moccasin|navajowhite|navy|oldlace|"
    "olive|olivedrab|orange|orangered|orchid|palegoldenrod|palegreen|paleturquoise|"
    "palevioletred|papayawhip|peachpuff|peru|pink|plum|powderblue|purple|rebeccapurple|red|"
    "rosybrown|royalblue|saddlebrown|salmon|sandybrown|seagreen|seashell|sienna|silver|"
    "skyblue|slateblue|slategray|slategrey|snow|springgreen|steelblue|tan|teal|thistle|"
    "tomato|transparent|turquoise|violet|wheat|white|whitesmoke|yellow|yellowgreen|";

// Names are lowercase letters, so a value made of them matches only whole
// names: it cannot contain the "|" that separates two.
bool is_named_color(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    if (c < 'a' || c > 'z') return false;
  }
  for (std::size_t at = kNamedColors.find(value); at != std::string_view::npos;
       at = kNamedColors.find(value, at + 1)) {
    if (kNamedColors[at - 1] == '|' && kNamedColors[at + value.size()] == '|') return true;
  }
  return false;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// One numeric argument of rgb(): digits with at most one ".", optional "%".
bool is_number_argument(std::string_view arg) {
  if (!arg.empty() && arg.back() == '%') arg.remove_suffix(1);
  if (arg.empty() || arg.size() > 8) return false;
  bool dot = false, digit = false;
  for (char c : arg) {
    if (c == '.') {
      if (dot) return false;
      dot = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      return false;
    }
  }
  return digit;
}

bool is_rgb_function(std::string_view value) {
  std::string_view inner;
  if (value.starts_with("rgb(")) inner = value.substr(4);
  else if (value.starts_with("rgba(")) inner = value.substr(5);
  else return false;
  if (inner.empty() || inner.back() != ')') return false;
  inner.remove_suffix(1);
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < inner.size()) {
    char c = inner[i];
    if (c == ' ' || c == ',' || c == '/') {
      ++i;
      continue;
    }
    std::size_t end = inner.find_first_of(" ,/", i);
    if (end == std::string_view::npos) end = inner.size();
    if (!is_number_argument(inner.substr(i, end - i))) return false;
    ++count;
    i = end;
  }
  return count == 3 || count == 4;
}

}  // namespace

std::string_view color_problem(std::string_view value) {
  if (value.empty()) return "must not be empty";
  if (value.front() == '#') {
    std::string_view digits = value.substr(1);
    bool sized = digits.size() == 3 || digits.size() == 4 || digits.size() == 6 || digits.size() == 8;
    if (sized && std::all_of(digits.begin(), digits.end(), is_hex)) return {};
    return "must be #rgb, #rgba, #rrggbb or #rrggbbaa with hex digits";
  }
  if (is_rgb_function(value)) return {};
  if (is_named_color(value)) return {};
  return "must be a hex colour (#rrggbb), rgb()/rgba() with numbers, or a CSS colour name";
}

std::string_view font_family_problem(std::string_view value) {
  if (value.empty()) return "must not be empty";
  char open_quote = 0;
  for (char c : value) {
    if (c == '"' || c == '\'') {
      if (open_quote == 0) open_quote = c;
      else if (open_quote == c) open_quote = 0;
      else return "quotes must match";
      continue;
    }
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == ' ' || c == '-' || c == '_' || (c == ',' && open_quote == 0);
    if (!allowed) {
      return "font family names may use letters, digits, spaces, \"-\", \"_\", quotes and commas only";
    }
  }
  if (open_quote != 0) return "quotes must match";
  return {};
}

}  // namespace cairn::guide
