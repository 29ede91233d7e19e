#include "index/codec.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "index/schema.h"

namespace briefings {

namespace {

using nlohmann::json;

void hash_bytes(unsigned long long& h, std::string_view text) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // A separator that cannot occur in UTF-8 text keeps "ab"+"c" apart from "a"+"bc".
  h ^= 0xff;
  h *= 1099511628211ULL;
}

std::string prefixed(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  return term.append(value);
}

bool is_ascii_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

std::string fold_possessive(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 0;
    if (text[i] == '\'') {
      len = 1;
    } else if (text.compare(i, 3, "\xE2\x80\x99") == 0) {
      len = 3;
    }
    if (len && i > 0 && is_ascii_word_byte(static_cast<unsigned char>(text[i - 1])) &&
        i + len < text.size() && (text[i + len] == 's' || text[i + len] == 'S') &&
        (i + len + 1 == text.size() ||
         !is_ascii_word_byte(static_cast<unsigned char>(text[i + len + 1])))) {
      i += len + 1;
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::string content_id(const Briefing& b) {
  unsigned long long h = 1469598103934665603ULL;
  hash_bytes(h, b.headline);
  for (const auto& p : b.paragraphs) {
    hash_bytes(h, "\x01");
    for (const auto& s : p.sentences) {
      hash_bytes(h, s.text);
      for (const auto& host : s.hosts) hash_bytes(h, host);
    }
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", h);
  return buf;
}

std::string encode_document_data(const Briefing& b) {
  json paragraphs = json::array();
  for (const auto& p : b.paragraphs) {
    json sentences = json::array();
    for (const auto& s : p.sentences) sentences.push_back({{"text", s.text}, {"hosts", s.hosts}});
    paragraphs.push_back(std::move(sentences));
  }
  json j = {{"id", b.id},
            {"paths", b.paths},
            {"headline", b.headline},
            {"date", b.date.iso()},
            {"date_source", std::string(to_string(b.date_source))},
            {"paragraphs", std::move(paragraphs)}};
  // Replacement keeps a briefing with stray invalid UTF-8 in a path storable.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Briefing decode_document_data(const std::string& data) {
  try {
    json j = json::parse(data);
    Briefing b;
    b.id = j.at("id").get<std::string>();
    b.paths = j.at("paths").get<std::vector<std::string>>();
    b.headline = j.at("headline").get<std::string>();
    auto date = j.at("date").get<std::string>();
    if (auto d = Date::parse_iso(date)) b.date = *d;
    b.date_source =
        date_source_from_string(j.at("date_source").get<std::string>()).value_or(DateSource::none);
    for (const auto& jp : j.at("paragraphs")) {
      Paragraph p;
      for (const auto& js : jp) {
        p.sentences.push_back(
            {js.at("text").get<std::string>(), js.at("hosts").get<std::vector<std::string>>()});
      }
      b.paragraphs.push_back(std::move(p));
    }
    return b;
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("document data is not a briefing record: ") + e.what());
  }
}

DocumentBuilder::DocumentBuilder() {
  term_generator_.set_stemmer(Xapian::Stem("english"));
  term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document DocumentBuilder::build(const Briefing& b) {
  namespace s = schema;
  Xapian::Document doc;
  term_generator_.set_document(doc);

  std::string headline = fold_possessive(b.headline);
  term_generator_.index_text(headline, 1, std::string(s::kHeadlinePrefix));
  term_generator_.increase_termpos(s::kPositionGap);
  term_generator_.index_text(headline, s::kHeadlineWeight);
  for (const auto& p : b.paragraphs) {
    term_generator_.increase_termpos(s::kPositionGap);
    for (const auto& sentence : p.sentences) {
      term_generator_.index_text(fold_possessive(sentence.text));
    }
  }

  doc.add_boolean_term(prefixed(s::kIdPrefix, b.id));
  for (const auto& host : b.hosts()) {
    for (const auto& h : s::host_and_parents(host)) {
      doc.add_boolean_term(prefixed(s::kHostPrefix, h));
    }
  }
  doc.add_value(s::kHostsSlot, s::encode_host_list(b.hosts()));

  if (b.date.valid()) {
    std::string compact = b.date.compact();
    doc.add_boolean_term(prefixed(s::kYearPrefix, compact.substr(0, 4)));
    doc.add_boolean_term(prefixed(s::kMonthPrefix, compact.substr(0, 6)));
    doc.add_boolean_term(prefixed(s::kDayPrefix, compact));
    doc.add_value(s::kDateSlot, compact);
    doc.add_value(s::kMonthSlot, b.date.iso().substr(0, 7));
  }
  doc.add_boolean_term(prefixed(s::kDateSourcePrefix, to_string(b.date_source)));
  doc.set_data(encode_document_data(b));
  return doc;
}

}  // namespace briefings
