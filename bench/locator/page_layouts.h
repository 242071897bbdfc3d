// Page layouts modelled on well-known products, for the locator benchmark. Each
// marks its interactive elements (buttons, links, inputs, tabs, menu items) as
// labelled targets. `rows` scales the repeated part (file rows, mails, table
// rows, tasks) so the same layout yields pages of 100 to 5,000 elements.
#pragma once

#include "page_tree.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cairn::bench {

struct Layout {
  std::string name;
  Page (*build)(int rows, std::uint64_t seed);
};

Page repository_page(int rows, std::uint64_t seed);  // GitHub-like repository home
Page inbox_page(int rows, std::uint64_t seed);       // Gmail-like inbox
Page admin_dashboard(int rows, std::uint64_t seed);  // admin dashboard with a table
Page checkout_page(int rows, std::uint64_t seed);    // checkout form
Page projects_app(int rows, std::uint64_t seed);     // "Acme Projects" SaaS app with a modal

const std::vector<Layout>& all_layouts();

}  // namespace cairn::bench
