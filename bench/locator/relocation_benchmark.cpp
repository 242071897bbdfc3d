#include "relocation_benchmark.h"

#include "page_layouts.h"
#include "locator/fingerprint_builder.h"
#include "locator/matcher.h"
#include "locator/selector.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace cairn::bench {

using locator::ElementDescriptor;

void Outcomes::add(int truth, int answer) {
  if (truth >= 0) {
    if (answer == truth) ++correct;
    else if (answer < 0) ++wrong_not_found;
    else { ++wrong; ++wrong_surviving; }
  } else {
    if (answer < 0) ++correct_not_found;
    else { ++wrong; ++wrong_deleted; }
  }
}

Outcomes& Outcomes::operator+=(const Outcomes& o) {
  correct += o.correct;
  wrong += o.wrong;
  correct_not_found += o.correct_not_found;
  wrong_not_found += o.wrong_not_found;
  wrong_surviving += o.wrong_surviving;
  wrong_deleted += o.wrong_deleted;
  return *this;
}

namespace {

// CPU time of this thread: the machine's two cores are shared with other jobs,
// and a lookup preempted mid-way is not slower code.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

int first_match(const std::vector<ElementDescriptor>& page, const locator::Selector& s) {
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (locator::selector_matches(s, page[i])) return static_cast<int>(i);
  }
  return -1;
}

int first_with_xpath(const std::vector<ElementDescriptor>& page, const std::string& xpath) {
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (locator::absolute_xpath(page[i]) == xpath) return static_cast<int>(i);
  }
  return -1;
}

std::vector<int> sample(const std::vector<int>& from, int n, std::mt19937_64& rng) {
  std::vector<int> out = from;
  std::shuffle(out.begin(), out.end(), rng);
  if (static_cast<int>(out.size()) > n) out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

std::vector<KindResult> run_relocation(const RelocationConfig& config) {
  std::vector<KindResult> results;
  for (Redesign kind : all_redesigns()) results.push_back(KindResult{kind, {}, {}, {}});
  std::mt19937_64 shared(config.seed);
  // Kinds added after the first version draw from streams of their own (redesign.h).
  std::vector<std::mt19937_64> later;
  for (std::size_t k = kFirstRedesignKinds; k < results.size(); ++k) later.emplace_back(config.seed + k);
  locator::SelectorRules finder_rules;
  finder_rules.use_test_ids = false;  // finder's defaults: no attributes
  finder_rules.finder_word_like = true;
  for (const Layout& layout : all_layouts()) {
    for (std::size_t k = 0; k < results.size(); ++k) {
      KindResult& result = results[k];
      std::mt19937_64& rng = k < kFirstRedesignKinds ? shared : later[k - kFirstRedesignKinds];
      const std::uint64_t page_seed = rng();
      const Page original = layout.build(config.rows, page_seed);
      const MeasuredPage before = measure(original);
      for (int target : sample(target_serials(original.root), config.targets_per_case, rng)) {
        const int self = before.index_of(target);
        if (self < 0) continue;
        locator::PageContext context{before.elements, static_cast<std::size_t>(self), original.locale};
        locator::Fingerprint fingerprint =
            locator::fingerprint_from_descriptor(before.elements[static_cast<std::size_t>(self)], context);
        auto finder = locator::unique_selector(before.elements, static_cast<std::size_t>(self), finder_rules);
        const std::string xpath = locator::absolute_xpath(before.elements[static_cast<std::size_t>(self)]);

        Page redesigned = original;
        std::mt19937_64 mutation_rng(rng());
        apply_redesign(redesigned, target, result.kind, mutation_rng);
        const MeasuredPage after = measure(redesigned);
        const int truth = after.index_of(target);

        locator::Matcher matcher(fingerprint);
        locator::MatchResult m = matcher.match(after.elements, redesigned.locale);
        const int answer = m.match ? static_cast<int>(*m.match) : -1;
        result.cairn.add(truth, answer);
        if (config.wrong_answers && answer >= 0 && answer != truth) {
          config.wrong_answers->push_back(
              WrongAnswer{layout.name, result.kind, fingerprint, after.elements, redesigned.locale, truth, answer});
        }
        if (config.explain && answer != truth) {
          const ElementDescriptor& t = before.elements[static_cast<std::size_t>(self)];
          std::fprintf(stderr, "[%s/%s] target <%s> text=\"%s\" name=\"%s\" truth=%d answer=%d best=%d reason=%s conf=%.3f runner=%.3f",
                       layout.name.c_str(), std::string(redesign_name(result.kind)).c_str(), t.tag.c_str(),
                       t.text.c_str(), t.name.c_str(), truth, answer, m.best ? static_cast<int>(*m.best) : -1,
                       std::string(locator::match_reason_name(m.reason)).c_str(), m.confidence, m.runner_up_confidence);
          if (truth >= 0) {
            std::vector<double> all = matcher.scores(after.elements, redesigned.locale);
            std::fprintf(stderr, " truth_score=%.3f", all[static_cast<std::size_t>(truth)]);
          }
          if (m.best) {
            const ElementDescriptor& b = after.elements[*m.best];
            std::fprintf(stderr, " best=<%s> \"%s\" name=\"%s\"", b.tag.c_str(), b.text.c_str(), b.name.c_str());
          }
          std::fprintf(stderr, "\n");
        }
        result.finder.add(truth, finder ? first_match(after.elements, *finder) : -1);
        result.xpath.add(truth, first_with_xpath(after.elements, xpath));
      }
    }
  }
  return results;
}

std::vector<LatencyResult> run_latency(const std::vector<std::size_t>& sizes, int lookups,
                                       std::uint64_t seed) {
  std::vector<LatencyResult> out;
  std::mt19937_64 rng(seed);
  for (std::size_t size : sizes) {
    // The inbox grows by a fixed number of elements per row; find the row count.
    const std::size_t base = count_elements(inbox_page(0, seed).root);
    const std::size_t per_row = count_elements(inbox_page(1, seed).root) - base;
    const int rows = size > base ? static_cast<int>((size - base) / per_row) : 0;
    const Page original = inbox_page(rows, seed);
    const MeasuredPage before = measure(original);
    std::vector<double> times, cpu_times;
    std::vector<int> targets = target_serials(original.root);
    std::size_t candidates = 0;
    for (int i = 0; i < lookups; ++i) {
      const int target = targets[static_cast<std::size_t>(i) % targets.size()];
      const int self = before.index_of(target);
      locator::PageContext context{before.elements, std::nullopt, original.locale};
      locator::Fingerprint fingerprint =
          locator::fingerprint_from_descriptor(before.elements[static_cast<std::size_t>(self)], context);
      Page redesigned = original;
      std::mt19937_64 mutation_rng(rng());
      apply_redesign(redesigned, target, Redesign::combined, mutation_rng);
      const MeasuredPage after = measure(redesigned);
      candidates = after.elements.size();
      const double cpu_start = thread_cpu_ms();
      const auto start = std::chrono::steady_clock::now();
      locator::Matcher matcher(fingerprint);
      locator::MatchResult m = matcher.match(after.elements, redesigned.locale);
      const auto stop = std::chrono::steady_clock::now();
      const double cpu_stop = thread_cpu_ms();
      if (m.confidence < -1) std::puts("");  // keep the call observable
      times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
      cpu_times.push_back(cpu_stop - cpu_start);
    }
    if (times.empty()) continue;
    std::sort(times.begin(), times.end());
    std::sort(cpu_times.begin(), cpu_times.end());
    auto at = [](const std::vector<double>& v, double q) {
      return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    out.push_back(LatencyResult{candidates, at(times, 0.50), at(times, 0.95), at(times, 1.0),
                                at(cpu_times, 0.50), at(cpu_times, 0.95), lookups});
  }
  return out;
}

namespace {

std::string percent(int part, int whole) {
  if (whole == 0) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * part / whole);
  return buf;
}

std::string row_for(const std::string& name, const std::string& method, const Outcomes& o) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "| %s | %s | %d | %d | %d | %d | %s | %s | %s |\n", name.c_str(),
                method.c_str(), o.correct, o.wrong, o.correct_not_found, o.wrong_not_found,
                percent(o.correct, o.surviving()).c_str(), percent(o.wrong, o.total()).c_str(),
                percent(o.correct_not_found, o.deleted()).c_str());
  return buf;
}

}  // namespace

std::string format_relocation(const std::vector<KindResult>& results) {
  std::string out =
      "| redesign | method | correct | wrong element | correctly not found | wrongly not found "
      "| relocated | wrong | deleted → not found |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  Outcomes cairn, finder, xpath;
  for (const KindResult& r : results) {
    std::string name(redesign_name(r.kind));
    out += row_for(name, "cairn", r.cairn);
    out += row_for(name, "finder CSS", r.finder);
    out += row_for(name, "absolute XPath", r.xpath);
    cairn += r.cairn;
    finder += r.finder;
    xpath += r.xpath;
  }
  out += row_for("**overall**", "**cairn**", cairn);
  out += row_for("**overall**", "finder CSS", finder);
  out += row_for("**overall**", "absolute XPath", xpath);
  return out;
}

std::string format_latency(const std::vector<LatencyResult>& results) {
  std::string out =
      "| candidates | lookups | wall p50 ms | wall p95 ms | wall max ms | CPU p50 ms | CPU p95 ms |\n"
      "|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const LatencyResult& r : results) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "| %zu | %d | %.3f | %.3f | %.3f | %.3f | %.3f |\n", r.candidates,
                  r.lookups, r.p50_ms, r.p95_ms, r.max_ms, r.cpu_p50_ms, r.cpu_p95_ms);
    out += buf;
  }
  return out;
}

}  // namespace cairn::bench
