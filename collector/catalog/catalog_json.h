// The JSON form of a Catalog, the body of GET /api/apps/{app_id}/catalog
// (docs/api.md).
#pragma once

#include "catalog/catalog.h"

#include <boost/json/object.hpp>

#include <string_view>

namespace cairn::catalog {

boost::json::object write_catalog(const Catalog& catalog, std::string_view app_id);

}  // namespace cairn::catalog
