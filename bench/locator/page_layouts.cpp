#include "page_layouts.h"

#include <random>

namespace cairn::bench {

namespace {

const std::vector<std::string> kWords = {
    "alpha", "budget", "review", "quarterly", "report", "design", "launch", "meeting",
    "invoice", "update", "release", "notes", "migration", "roadmap", "customer", "feedback",
    "sprint", "planning", "security", "audit", "onboarding", "pricing", "contract", "renewal",
    "hiring", "analytics", "dashboard", "mobile", "billing", "support"};
const std::vector<std::string> kPeople = {
    "Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov",
    "Donald Knuth", "Margaret Hamilton", "Ken Thompson", "Frances Allen", "John Backus"};

struct Words {
  std::mt19937_64 rng;
  std::string pick(const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  }
  std::string phrase(int words) {
    std::string out;
    for (int i = 0; i < words; ++i) {
      if (i) out += ' ';
      out += pick(kWords);
    }
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
  }
  int number(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
};

Node button(std::string text, std::vector<std::string> classes = {"btn"}, std::string style = "Button") {
  Node b = el("button", std::move(classes), std::move(text));
  b.styles.push_back(std::move(style));
  b.set_attribute("type", "button");
  b.target = true;
  return b;
}

Node icon_button(std::string label, std::string style = "IconButton") {
  Node b = el("button", {"icon-btn"});
  b.styles.push_back(std::move(style));
  b.set_attribute("aria-label", std::move(label));
  b.set_attribute("type", "button");
  b.target = true;
  return b;
}

Node link(std::string text, std::string href, std::vector<std::string> classes = {}) {
  Node a = el("a", std::move(classes), std::move(text));
  a.set_attribute("href", std::move(href));
  a.styles.push_back("Link");
  a.target = true;
  return a;
}

Node field(std::string label, std::string id, std::string type = "text", std::string placeholder = {}) {
  Node wrap = styled("div", "Field");
  wrap.classes = {"form-group"};
  Node l = el("label", {"form-label"}, label);
  l.set_attribute("for", id);
  wrap.add(std::move(l));
  Node input = el("input", {"form-control"});
  input.id = id;
  input.set_attribute("name", id);
  input.set_attribute("type", std::move(type));
  if (!placeholder.empty()) input.set_attribute("placeholder", std::move(placeholder));
  input.styles.push_back("Input");
  input.target = true;
  wrap.add(std::move(input));
  return wrap;
}

Node nav_list(const std::vector<std::string>& items, std::string style, std::string prefix) {
  Node ul = styled("ul", style);
  for (const std::string& item : items) {
    Node li = el("li", {"nav-item"});
    std::string slug = item;
    for (char& c : slug) c = c == ' ' ? '-' : static_cast<char>(std::tolower(c));
    li.add(link(item, prefix + slug, {"nav-link"}));
    ul.add(std::move(li));
  }
  return ul;
}

Page make_page(Node body, bool sc) {
  Page p;
  p.root = std::move(body);
  p.styled_components = sc;
  number_elements(p.root);
  return p;
}

}  // namespace

Page repository_page(int rows, std::uint64_t seed) {
  Words w{std::mt19937_64(seed)};
  Node body = el("body");
  Node header = styled("header", "AppHeader");
  header.classes = {"Header"};
  header.row = true;
  Node logo = link("", "/", {"Header-link"});
  logo.set_attribute("aria-label", "Homepage");
  header.add(std::move(logo));
  Node search = el("input", {"form-control", "header-search-input"});
  search.set_attribute("type", "text");
  search.set_attribute("placeholder", "Search or jump to...");
  search.set_attribute("aria-label", "Search");
  search.target = true;
  header.add(std::move(search));
  header.add(nav_list({"Pull requests", "Issues", "Marketplace", "Explore"}, "HeaderNav", "/"));
  header.add(icon_button("View profile and more", "Avatar"));
  body.add(std::move(header));

  Node main = el("main");
  main.id = "repo-content";
  Node title = styled("div", "RepoTitle");
  title.row = true;
  title.add(link("acme", "/acme", {"url", "fn"}));
  title.add(link("projects", "/acme/projects", {"mr-1"}));
  Node actions = el("ul", {"pagehead-actions"});
  actions.row = true;
  for (const char* a : {"Watch", "Fork", "Star"}) {
    Node li = el("li");
    Node b = button(a, {"btn", "btn-sm"});
    b.set_attribute("data-ga-click", std::string("Repository, ") + a);
    li.add(std::move(b));
    li.add(el("span", {"Counter"}, std::to_string(w.number(3, 900))));
    actions.add(std::move(li));
  }
  title.add(std::move(actions));
  main.add(std::move(title));
  Node tabs = styled("nav", "UnderlineNav");
  tabs.set_attribute("aria-label", "Repository");
  tabs.row = true;
  for (const char* t : {"Code", "Issues", "Pull requests", "Actions", "Projects", "Wiki", "Security", "Insights", "Settings"}) {
    Node a = link(t, std::string("/acme/projects/") + t, {"UnderlineNav-item"});
    a.set_attribute("data-tab-item", std::string("i-") + t);
    tabs.add(std::move(a));
  }
  main.add(std::move(tabs));

  Node layout = el("div", {"Layout"});
  layout.row = true;
  Node files = styled("div", "FileBrowser");
  Node toolbar = el("div", {"file-navigation"});
  toolbar.row = true;
  toolbar.add(button("main", {"btn", "css-truncate"}, "BranchSelect"));
  toolbar.add(button("Go to file", {"btn"}));
  toolbar.add(button("Add file", {"btn", "dropdown-toggle"}));
  toolbar.add(button("Code", {"btn", "btn-primary"}));
  files.add(std::move(toolbar));
  Node table = el("div", {"Box"});
  table.set_attribute("role", "grid");
  for (int i = 0; i < rows; ++i) {
    Node row = styled("div", "FileRow");
    row.classes = {"Box-row"};
    row.set_attribute("role", "row");
    row.row = true;
    std::string name = w.pick(kWords) + (i % 3 == 0 ? "" : "." + std::string(i % 2 ? "md" : "ts"));
    Node cell = el("div", {"flex-auto"});
    cell.set_attribute("role", "rowheader");
    cell.add(link(name, "/acme/projects/blob/main/" + name, {"js-navigation-open", "Link--primary"}));
    row.add(std::move(cell));
    Node msg = el("div", {"commit-message"});
    msg.add(link(w.phrase(3), "/acme/projects/commit/" + std::to_string(1000 + i), {"Link--secondary"}));
    row.add(std::move(msg));
    row.add(el("div", {"age"}, std::to_string(w.number(1, 11)) + " months ago"));
    table.add(std::move(row));
  }
  files.add(std::move(table));
  Node readme = el("article", {"markdown-body"});
  readme.add(el("h2", {}, "Acme Projects"));
  readme.add(el("p", {}, w.phrase(8)));
  readme.add(link("Read the contributing guide", "/acme/projects/CONTRIBUTING.md"));
  files.add(std::move(readme));
  layout.add(std::move(files));
  Node about = styled("aside", "Sidebar");
  about.add(el("h2", {"h4"}, "About"));
  about.add(el("p", {"f4"}, w.phrase(6)));
  about.add(link("acme.example.com", "https://acme.example.com", {"text-bold"}));
  Node topics = el("div", {"topics"});
  for (int i = 0; i < 4; ++i) {
    std::string t = w.pick(kWords);
    topics.add(link(t, "/topics/" + t, {"topic-tag"}));
  }
  about.add(std::move(topics));
  about.add(el("h2", {"h4"}, "Releases"));
  about.add(link("v2.3.0 Latest", "/acme/projects/releases/tag/v2.3.0"));
  layout.add(std::move(about));
  main.add(std::move(layout));
  body.add(std::move(main));
  Node footer = el("footer", {"footer"});
  footer.row = true;
  for (const char* f : {"Terms", "Privacy", "Security", "Status", "Docs", "Contact"}) {
    footer.add(link(f, std::string("/site/") + f));
  }
  body.add(std::move(footer));
  return make_page(std::move(body), false);
}

Page inbox_page(int rows, std::uint64_t seed) {
  Words w{std::mt19937_64(seed)};
  Node body = el("body");
  Node top = styled("header", "TopBar");
  top.row = true;
  top.add(icon_button("Main menu"));
  Node search = el("input", {"gb_search"});
  search.set_attribute("aria-label", "Search mail");
  search.set_attribute("placeholder", "Search mail");
  search.target = true;
  top.add(std::move(search));
  top.add(icon_button("Support"));
  top.add(icon_button("Settings"));
  top.add(icon_button("Google apps"));
  body.add(std::move(top));
  Node shell = el("div", {"app-shell"});
  shell.row = true;
  Node nav = styled("nav", "LeftNav");
  nav.set_attribute("role", "navigation");
  Node compose = button("Compose", {"compose"}, "ComposeButton");
  nav.add(std::move(compose));
  nav.add(nav_list({"Inbox", "Starred", "Snoozed", "Sent", "Drafts", "More"}, "Folders", "#"));
  nav.add(el("h3", {}, "Labels"));
  nav.add(nav_list({"Work", "Travel", "Receipts"}, "Labels", "#label/"));
  shell.add(std::move(nav));
  Node main = el("main");
  main.set_attribute("role", "main");
  Node toolbar = styled("div", "ListToolbar");
  toolbar.set_attribute("role", "toolbar");
  toolbar.row = true;
  Node all = el("input");
  all.set_attribute("type", "checkbox");
  all.set_attribute("aria-label", "Select");
  all.target = true;
  toolbar.add(std::move(all));
  toolbar.add(icon_button("Refresh"));
  toolbar.add(icon_button("More email options"));
  toolbar.add(el("span", {"pager"}, "1-50 of " + std::to_string(rows * 7)));
  toolbar.add(icon_button("Older"));
  toolbar.add(icon_button("Newer"));
  main.add(std::move(toolbar));
  Node tabs = el("div", {"tabs"});
  tabs.set_attribute("role", "tablist");
  tabs.row = true;
  for (const char* t : {"Primary", "Promotions", "Social", "Updates"}) {
    Node tab = styled("div", "Tab");
    tab.set_attribute("role", "tab");
    tab.text = t;
    tab.target = true;
    tabs.add(std::move(tab));
  }
  main.add(std::move(tabs));
  Node list = el("table", {"mail-list"});
  Node tbody = el("tbody");
  for (int i = 0; i < rows; ++i) {
    Node tr = styled("tr", "MailRow");
    tr.classes = {"zA", i % 3 ? "yO" : "zE"};
    tr.row = true;
    Node c1 = el("td");
    Node cb = el("input");
    cb.set_attribute("type", "checkbox");
    cb.set_attribute("aria-label", "Select conversation");
    c1.add(std::move(cb));
    tr.add(std::move(c1));
    Node c2 = el("td");
    c2.add(icon_button(i % 4 ? "Not starred" : "Starred", "Star"));
    tr.add(std::move(c2));
    tr.add(el("td", {"sender"}, w.pick(kPeople)));
    Node subject = el("td", {"subject"});
    subject.add(el("span", {"bog"}, w.phrase(4)));
    subject.add(el("span", {"snippet"}, w.phrase(7)));
    tr.add(std::move(subject));
    tr.add(el("td", {"date"}, "Nov " + std::to_string(w.number(1, 28))));
    Node hover = el("td", {"actions"});
    hover.row = true;
    for (const char* a : {"Archive", "Delete", "Mark as read", "Snooze"}) {
      Node b = el("button", {"action"});
      b.styles.push_back("HoverAction");
      b.set_attribute("aria-label", a);
      b.set_attribute("data-tooltip", a);
      hover.add(std::move(b));
    }
    tr.add(std::move(hover));
    tbody.add(std::move(tr));
  }
  list.add(std::move(tbody));
  main.add(std::move(list));
  shell.add(std::move(main));
  body.add(std::move(shell));
  return make_page(std::move(body), true);
}

Page admin_dashboard(int rows, std::uint64_t seed) {
  Words w{std::mt19937_64(seed)};
  Node body = el("body");
  Node shell = el("div", {"wrapper"});
  shell.row = true;
  Node side = styled("aside", "Sidebar");
  side.classes = {"main-sidebar"};
  side.add(link("AdminKit", "/", {"brand-link"}));
  side.add(nav_list({"Dashboard", "Orders", "Products", "Customers", "Reports", "Integrations", "Settings"}, "SideNav", "/admin/"));
  shell.add(std::move(side));
  Node content = el("div", {"content-wrapper"});
  Node head = styled("div", "PageHeader");
  head.row = true;
  head.add(el("h1", {"m-0"}, "Orders"));
  head.add(button("Export CSV", {"btn", "btn-outline-secondary"}));
  head.add(button("New order", {"btn", "btn-primary"}));
  content.add(std::move(head));
  Node kpis = el("div", {"row"});
  kpis.row = true;
  for (const char* k : {"Revenue", "Orders", "Refunds", "Active customers"}) {
    Node card = styled("div", "StatCard");
    card.classes = {"card"};
    card.add(el("h3", {"card-title"}, k));
    card.add(el("div", {"display-6"}, std::to_string(w.number(100, 99999))));
    card.add(link("View report", std::string("/admin/reports/") + k, {"small-box-footer"}));
    kpis.add(std::move(card));
  }
  content.add(std::move(kpis));
  Node filters = el("form", {"filters"});
  filters.row = true;
  filters.add(field("Customer", "filter-customer", "search", "Search customers"));
  filters.add(field("From", "filter-from", "date"));
  filters.add(field("To", "filter-to", "date"));
  filters.add(button("Apply filters", {"btn", "btn-secondary"}));
  content.add(std::move(filters));
  Node table = el("table", {"table", "table-striped"});
  Node thead = el("thead");
  Node hr = el("tr");
  hr.row = true;
  for (const char* h : {"Order", "Customer", "Status", "Total", "Actions"}) {
    Node th = el("th");
    Node sort = button(h, {"sort-button"}, "SortHeader");
    th.add(std::move(sort));
    hr.add(std::move(th));
  }
  thead.add(std::move(hr));
  table.add(std::move(thead));
  Node tbody = el("tbody");
  for (int i = 0; i < rows; ++i) {
    Node tr = el("tr");
    tr.row = true;
    tr.add(el("td", {}, "#" + std::to_string(10400 + i)));
    tr.add(el("td", {}, w.pick(kPeople)));
    Node status = styled("span", "Badge");
    status.classes = {"badge", i % 3 ? "bg-success" : "bg-warning"};
    status.text = i % 3 ? "Paid" : "Pending";
    Node st = el("td");
    st.add(std::move(status));
    tr.add(std::move(st));
    tr.add(el("td", {}, "$" + std::to_string(w.number(10, 900))));
    Node act = el("td", {"text-end"});
    act.row = true;
    Node edit = el("a", {"btn", "btn-sm", "btn-light"}, "Edit");
    edit.set_attribute("href", "/admin/orders/" + std::to_string(10400 + i) + "/edit");
    act.add(std::move(edit));
    Node del = el("button", {"btn", "btn-sm", "btn-danger"}, "Delete");
    del.set_attribute("data-id", std::to_string(10400 + i));
    del.styles.push_back("DangerButton");
    act.add(std::move(del));
    tr.add(std::move(act));
    tbody.add(std::move(tr));
  }
  table.add(std::move(tbody));
  content.add(std::move(table));
  Node pager = el("nav", {"pagination"});
  pager.set_attribute("aria-label", "Pagination");
  pager.row = true;
  pager.add(link("Previous", "?page=1", {"page-link"}));
  for (int p = 1; p <= 5; ++p) pager.add(link(std::to_string(p), "?page=" + std::to_string(p), {"page-link"}));
  pager.add(link("Next", "?page=2", {"page-link"}));
  content.add(std::move(pager));
  shell.add(std::move(content));
  body.add(std::move(shell));
  return make_page(std::move(body), false);
}

Page checkout_page(int rows, std::uint64_t seed) {
  Words w{std::mt19937_64(seed)};
  Node body = el("body");
  Node header = styled("header", "CheckoutHeader");
  header.row = true;
  header.add(link("Shop", "/"));
  header.add(link("Back to cart", "/cart", {"back-link"}));
  body.add(std::move(header));
  Node main = el("main", {"checkout"});
  main.row = true;
  Node form = el("form");
  form.id = "checkout-form";
  Node steps = el("ol", {"steps"});
  steps.row = true;
  for (const char* s : {"Information", "Shipping", "Payment"}) steps.add(el("li", {"step"}, s));
  form.add(std::move(steps));
  form.add(el("h2", {}, "Contact information"));
  form.add(field("Email", "email", "email", "you@example.com"));
  Node news = el("label", {"checkbox"}, "Email me with news and offers");
  Node ncb = el("input");
  ncb.set_attribute("type", "checkbox");
  ncb.set_attribute("name", "newsletter");
  ncb.target = true;
  news.add(std::move(ncb));
  form.add(std::move(news));
  form.add(el("h2", {}, "Shipping address"));
  Node names = el("div", {"row"});
  names.row = true;
  names.add(field("First name", "first-name"));
  names.add(field("Last name", "last-name"));
  form.add(std::move(names));
  form.add(field("Address", "address", "text", "Street and house number"));
  form.add(field("Apartment, suite, etc. (optional)", "address2"));
  Node city = el("div", {"row"});
  city.row = true;
  city.add(field("City", "city"));
  city.add(field("Postal code", "zip"));
  Node country = styled("div", "Field");
  Node cl = el("label", {}, "Country");
  cl.set_attribute("for", "country");
  country.add(std::move(cl));
  Node select = el("select", {"form-select"});
  select.id = "country";
  select.set_attribute("name", "country");
  select.target = true;
  for (const char* c : {"United States", "Canada", "Germany", "France"}) select.add(el("option", {}, c));
  country.add(std::move(select));
  city.add(std::move(country));
  form.add(std::move(city));
  form.add(el("h2", {}, "Shipping method"));
  for (const char* m : {"Standard (5-7 days)", "Express (2 days)", "Overnight"}) {
    Node opt = el("label", {"radio"}, m);
    Node r = el("input");
    r.set_attribute("type", "radio");
    r.set_attribute("name", "shipping");
    r.set_attribute("value", m);
    r.target = true;
    opt.add(std::move(r));
    form.add(std::move(opt));
  }
  form.add(el("h2", {}, "Payment"));
  form.add(field("Card number", "card-number", "text", "1234 1234 1234 1234"));
  Node card = el("div", {"row"});
  card.row = true;
  card.add(field("Expiration date", "card-expiry", "text", "MM / YY"));
  card.add(field("Security code", "card-cvc", "text", "CVC"));
  form.add(std::move(card));
  Node submit = button("Pay now", {"btn", "btn-primary", "btn-lg"}, "PayButton");
  submit.set_attribute("type", "submit");
  submit.set_attribute("data-testid", "pay-button");
  form.add(std::move(submit));
  main.add(std::move(form));
  Node summary = styled("aside", "OrderSummary");
  summary.add(el("h2", {}, "Order summary"));
  Node items = el("ul", {"items"});
  for (int i = 0; i < rows; ++i) {
    Node li = el("li", {"item"});
    li.row = true;
    li.add(el("span", {"item-name"}, w.phrase(2)));
    li.add(el("span", {"item-qty"}, "x" + std::to_string(w.number(1, 3))));
    li.add(el("span", {"item-price"}, "$" + std::to_string(w.number(5, 200))));
    Node rm = icon_button("Remove item", "RemoveItem");
    rm.target = false;
    li.add(std::move(rm));
    items.add(std::move(li));
  }
  summary.add(std::move(items));
  Node coupon = el("div", {"coupon"});
  coupon.row = true;
  coupon.add(field("Discount code", "discount", "text", "Gift card or discount code"));
  coupon.add(button("Apply", {"btn", "btn-secondary"}));
  summary.add(std::move(coupon));
  summary.add(el("div", {"total"}, "Total $" + std::to_string(w.number(50, 900))));
  main.add(std::move(summary));
  body.add(std::move(main));
  Node footer = el("footer");
  footer.row = true;
  for (const char* f : {"Refund policy", "Shipping policy", "Privacy policy", "Terms of service"}) {
    footer.add(link(f, std::string("/policies/") + f));
  }
  body.add(std::move(footer));
  return make_page(std::move(body), true);
}

Page projects_app(int rows, std::uint64_t seed) {
  Words w{std::mt19937_64(seed)};
  Node body = el("body");
  Node top = styled("header", "TopNav");
  top.row = true;
  top.add(link("Acme Projects", "/", {"logo"}));
  top.add(nav_list({"Projects", "My tasks", "Reports", "Team"}, "MainNav", "/app/"));
  Node search = el("input", {"search"});
  search.set_attribute("type", "search");
  search.set_attribute("placeholder", "Search tasks");
  search.set_attribute("aria-label", "Search tasks");
  search.target = true;
  top.add(std::move(search));
  top.add(icon_button("Notifications"));
  Node avatar = icon_button("Account menu", "Avatar");
  avatar.set_attribute("data-testid", "account-menu");
  top.add(std::move(avatar));
  body.add(std::move(top));
  Node shell = el("div", {"layout"});
  shell.row = true;
  Node side = styled("aside", "ProjectSidebar");
  side.add(el("h2", {"sidebar-title"}, "Projects"));
  Node plist = el("ul", {"project-list"});
  for (int i = 0; i < 6; ++i) {
    Node li = el("li");
    li.add(link(w.phrase(2), "/app/projects/" + std::to_string(i + 1), {"project-link"}));
    plist.add(std::move(li));
  }
  side.add(std::move(plist));
  Node newp = button("New project", {"btn", "btn-primary"}, "PrimaryButton");
  newp.set_attribute("data-testid", "new-project");
  side.add(std::move(newp));
  shell.add(std::move(side));
  Node main = el("main");
  main.add(el("h1", {"page-title"}, "Website redesign"));
  Node tabs = el("div", {"tabs"});
  tabs.set_attribute("role", "tablist");
  tabs.row = true;
  for (const char* t : {"Board", "List", "Timeline", "Files", "Settings"}) {
    Node tab = el("button", {"tab"}, t);
    tab.set_attribute("role", "tab");
    tab.styles.push_back("Tab");
    tab.target = true;
    tabs.add(std::move(tab));
  }
  main.add(std::move(tabs));
  Node toolbar = styled("div", "Toolbar");
  toolbar.set_attribute("role", "toolbar");
  toolbar.row = true;
  Node add = button("New task", {"btn", "btn-primary"}, "PrimaryButton");
  add.id = "new-task";
  toolbar.add(std::move(add));
  toolbar.add(button("Filter", {"btn"}));
  toolbar.add(button("Sort", {"btn"}));
  toolbar.add(button("Group by", {"btn"}));
  Node share = button("Share", {"btn", "btn-outline"});
  share.set_attribute("data-testid", "share-project");
  toolbar.add(std::move(share));
  main.add(std::move(toolbar));
  Node board = el("div", {"board"});
  board.row = true;
  const char* columns[] = {"To do", "In progress", "Review", "Done"};
  for (int c = 0; c < 4; ++c) {
    Node col = styled("section", "Column");
    col.classes = {"column"};
    col.add(el("h3", {"column-title"}, columns[c]));
    for (int i = c; i < rows; i += 4) {
      Node card = styled("div", "TaskCard");
      card.classes = {"task-card"};
      card.add(link(w.phrase(3), "/app/tasks/" + std::to_string(100 + i), {"task-title"}));
      Node meta = el("div", {"task-meta"});
      meta.row = true;
      meta.add(el("span", {"assignee"}, w.pick(kPeople)));
      meta.add(el("span", {"due"}, "Due Dec " + std::to_string(w.number(1, 31))));
      Node menu = el("button", {"card-menu"});
      menu.styles.push_back("IconButton");
      menu.set_attribute("aria-label", "Task actions");
      meta.add(std::move(menu));
      card.add(std::move(meta));
      col.add(std::move(card));
    }
    Node addc = button("Add task", {"btn", "btn-ghost"}, "GhostButton");
    col.add(std::move(addc));
    board.add(std::move(col));
  }
  main.add(std::move(board));
  shell.add(std::move(main));
  body.add(std::move(shell));
  Node modal = styled("div", "Modal");
  modal.set_attribute("role", "dialog");
  modal.set_attribute("aria-label", "Create project");
  modal.classes = {"modal"};
  modal.add(el("h2", {"modal-title"}, "Create project"));
  Node mform = el("form");
  mform.id = "create-project";
  mform.add(field("Project name", "project-name", "text", "e.g. Website redesign"));
  mform.add(field("Description", "project-description"));
  Node foot = el("div", {"modal-footer"});
  foot.row = true;
  foot.add(button("Cancel", {"btn"}));
  Node save = button("Create project", {"btn", "btn-primary"}, "PrimaryButton");
  save.set_attribute("type", "submit");
  foot.add(std::move(save));
  mform.add(std::move(foot));
  modal.add(std::move(mform));
  body.add(std::move(modal));
  return make_page(std::move(body), true);
}

const std::vector<Layout>& all_layouts() {
  static const std::vector<Layout> layouts = {
      {"repository", repository_page}, {"inbox", inbox_page}, {"admin", admin_dashboard},
      {"checkout", checkout_page},     {"projects", projects_app}};
  return layouts;
}

}  // namespace cairn::bench
