#include "searcher/json_output.h"

#include <cmath>

#include "index/indexed_at.h"

namespace briefings {

namespace {

using nlohmann::ordered_json;

ordered_json counts(const std::vector<ValueCount>& list) {
  ordered_json out = ordered_json::array();
  for (const auto& v : list) out.push_back({{"value", v.value}, {"count", v.count}});
  return out;
}

ordered_json corrections(const std::vector<Correction>& list) {
  ordered_json out = ordered_json::array();
  for (const auto& c : list) out.push_back({{"typed", c.typed}, {"suggested", c.suggested}});
  return out;
}

ordered_json date_or_null(const Date& d) {
  return d.valid() ? ordered_json(d.iso()) : ordered_json(nullptr);
}

}  // namespace

ordered_json to_json(const SearchResult& r) {
  ordered_json results = ordered_json::array();
  for (const auto& h : r.results) {
    results.push_back({{"id", h.id},
                       {"path", h.path},
                       {"headline", h.headline},
                       {"headline_html", h.headline_html},
                       {"date", date_or_null(h.date)},
                       {"domains", h.domains},
                       {"score", std::round(h.score * 1000) / 1000},
                       {"snippet_html", h.snippet_html},
                       {"missing", h.missing},
                       {"indexed_at", h.indexed_at ? ordered_json(rfc3339(h.indexed_at))
                                                   : ordered_json(nullptr)}});
  }
  return {{"query", r.query},
          {"total", r.total},
          {"total_all_words", r.total_all_words},
          {"relaxed", r.relaxed},
          {"offset", r.offset},
          {"results", std::move(results)},
          {"facets", {{"domain", counts(r.domain_facet)}, {"month", counts(r.month_facet)}}},
          {"suggestion", r.suggestion ? ordered_json(*r.suggestion) : ordered_json(nullptr)},
          {"corrections", corrections(r.corrections)},
          {"elapsed_ms", std::round(r.elapsed_ms * 1000) / 1000},
          {"watermark", encode_indexed_at(r.indexed_through)}};
}

ordered_json to_json(const AddedCount& n) {
  return {{"new", n.count}, {"watermark", encode_indexed_at(n.through)}};
}

ordered_json to_json(const BriefingView& v) {
  const Briefing& b = v.briefing;
  ordered_json paragraphs = ordered_json::array();
  for (size_t p = 0; p < b.paragraphs.size(); ++p) {
    ordered_json sentences = ordered_json::array();
    for (size_t s = 0; s < b.paragraphs[p].sentences.size(); ++s) {
      const auto& sentence = b.paragraphs[p].sentences[s];
      sentences.push_back(
          {{"text", sentence.text}, {"html", v.sentences_html[p][s]}, {"hosts", sentence.hosts}});
    }
    paragraphs.push_back(std::move(sentences));
  }
  return {{"id", b.id},
          {"path", b.paths.empty() ? "" : b.paths.front()},
          {"paths", b.paths},
          {"headline", b.headline},
          {"headline_html", v.headline_html},
          {"date", date_or_null(b.date)},
          {"date_source", std::string(to_string(b.date_source))},
          {"domains", b.hosts()},
          {"paragraphs", std::move(paragraphs)}};
}

ordered_json to_json(const IndexStats& stats) {
  auto listed = [](const std::vector<ValueCount>& list) {
    ordered_json out = ordered_json::array();
    for (const auto& v : list) out.push_back({{"count", v.count}, {"value", v.value}});
    return out;
  };
  auto date_or_null = [](const std::string& d) {
    return d.empty() ? ordered_json(nullptr) : ordered_json(d);
  };
  return {
      {"date_sources", stats.date_sources},         {"documents", stats.documents},
      {"domains", listed(stats.domains)},           {"first_date", date_or_null(stats.first_date)},
      {"last_date", date_or_null(stats.last_date)}, {"months", listed(stats.months)},
      {"schema_version", stats.schema_version}};
}

std::string json_text(const ordered_json& value) {
  return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace briefings
