// Codec: Briefing <-> Xapian document, following the tables in index/schema.h.
//
// Document data layout (JSON, UTF-8), the one on-disk record of a briefing's content:
//
//   {"id": "9f2c...", "paths": ["/abs/a.txt"], "headline": "...",
//    "date": "2026-04-12", "date_source": "text",
//    "paragraphs": [[{"text": "A sentence.", "hosts": ["cnbc.com"]}, ...], ...]}
//
// Sentences are stored split, with their citations, so snippets and the briefing view
// never re-read or re-parse the file.
//
// Thread-safety: the free functions are pure. A DocumentBuilder holds a TermGenerator and
// must be used by one thread at a time; give each indexing thread its own.
#pragma once

#include <xapian.h>

#include <string>

#include "index/briefing.h"

namespace briefings {

// The content id: a 64-bit FNV-1a hash, as 16 hex digits, of the headline and every
// sentence with its hosts. Paths, dates and line endings do not change it, so the same
// briefing saved twice (or as a CRLF copy) is one document.
std::string content_id(const Briefing& briefing);

std::string encode_document_data(const Briefing& briefing);
// Throws std::runtime_error when the data is not a briefing record.
Briefing decode_document_data(const std::string& data);

// Drops a possessive "'s" or "’s" ending a word ("OpenAI’s" -> "OpenAI"), so the word is
// found by its plain form even where the query parser does not stem (capitalised words).
// Applied to text before indexing and to queries before parsing.
std::string fold_possessive(std::string_view text);

class DocumentBuilder {
 public:
  DocumentBuilder();
  // Builds the whole document: terms, values and data. `briefing.id` must be set.
  Xapian::Document build(const Briefing& briefing);

 private:
  Xapian::TermGenerator term_generator_;
};

}  // namespace briefings
