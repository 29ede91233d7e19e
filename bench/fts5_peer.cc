// fts5-peer: the same job as briefings, done as well as SQLite FTS5 can, for benchmarks.
//
//   fts5-peer index DB PATH...        bulk load in one transaction (parses with our parser,
//                                     so both sides pay the same parsing cost)
//   fts5-peer update DB PATH...       incremental: files whose size or mtime changed are
//                                     re-read, new ones added, vanished ones deleted; one
//                                     transaction
//   fts5-peer search DB QUERIES       runs every query of QUERIES once to warm up, then
//                                     again timed; prints one JSON line of p50/p95/p99/mean ms
//   fts5-peer query DB LINE           one full response on stdout
//   fts5-peer sql DB LINE             the same response as SQL for the sqlite3 shell (for
//                                     whole-process timing against `briefings search`)
//
// QUERIES holds lines of bench/make-queries: KIND TAB QUERY TAB DOMAIN TAB SINCE TAB UNTIL,
// where QUERY is in briefings' syntax limited to words and "phrases", read as briefings reads
// a plain query: every clause, else (below ten full matches) any of them.
//
// A full response is what `briefings search` returns: top 10 by bm25 with the headline
// weighted, highlighted snippets of headline and body, and exact host and month counts over
// the whole match set.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/query_mix.h"
#include "index/host_names.h"
#include "indexer/briefing_parser.h"
#include "indexer/file_walker.h"
#include "searcher/query_text.h"

namespace {

using briefings::Briefing;

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(db_));
  }
  ~Db() { sqlite3_close(db_); }
  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "sqlite error";
      sqlite3_free(err);
      throw std::runtime_error(msg + " in: " + sql);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    }
    return st;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void create_schema(Db& db) {
  db.exec(
      "CREATE VIRTUAL TABLE docs USING fts5(headline, body, hosts UNINDEXED, date UNINDEXED, "
      "tokenize='porter unicode61');"
      "CREATE TABLE doc_hosts(doc INTEGER, host TEXT);"
      "CREATE TABLE doc_dates(doc INTEGER PRIMARY KEY, date TEXT, month TEXT);"
      "CREATE TABLE files(path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, doc INTEGER);");
}

// Prepared statements for adding and deleting one briefing's rows.
class Loader {
 public:
  explicit Loader(Db& db)
      : ins_(db.prepare("INSERT INTO docs(rowid, headline, body, hosts, date) "
                        "VALUES (?, ?, ?, ?, ?)")),
        host_(db.prepare("INSERT INTO doc_hosts VALUES (?, ?)")),
        date_(db.prepare("INSERT INTO doc_dates VALUES (?, ?, ?)")),
        file_(db.prepare("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)")),
        del_doc_(db.prepare("DELETE FROM docs WHERE rowid = ?")),
        del_hosts_(db.prepare("DELETE FROM doc_hosts WHERE doc = ?")),
        del_date_(db.prepare("DELETE FROM doc_dates WHERE doc = ?")),
        del_file_(db.prepare("DELETE FROM files WHERE path = ?")) {}
  ~Loader() {
    for (auto* st : {ins_, host_, date_, file_, del_doc_, del_hosts_, del_date_, del_file_})
      sqlite3_finalize(st);
  }

  // Parses and inserts a file as document `rowid`; false when it is not a briefing.
  bool add(const briefings::FoundFile& f, long long rowid) {
    static const briefings::Date today{2100, 1, 1};
    auto outcome = briefings::parse_briefing(
        read_all(f.path), {f.path, std::nullopt, f.mtime_ns / 1000000000LL, today});
    if (!outcome.briefing) return false;
    const Briefing& b = *outcome.briefing;
    std::string hosts;
    for (const auto& h : b.hosts()) hosts += (hosts.empty() ? "" : "\n") + h;
    std::string body = b.body_text(), iso = b.date.iso();
    sqlite3_bind_int64(ins_, 1, rowid);
    sqlite3_bind_text(ins_, 2, b.headline.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_, 3, body.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_, 4, hosts.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_, 5, iso.c_str(), -1, SQLITE_TRANSIENT);
    step(ins_);
    // Rows "=HOST" for the host facet; rows for the host and each parent domain for the
    // filter, which matches sub-domains too, as in briefings.
    for (const auto& h : b.hosts()) {
      auto names = briefings::schema::host_and_parents(h);
      names.push_back("=" + h);
      for (const auto& name : names) {
        sqlite3_bind_int64(host_, 1, rowid);
        sqlite3_bind_text(host_, 2, name.c_str(), -1, SQLITE_TRANSIENT);
        step(host_);
      }
    }
    sqlite3_bind_int64(date_, 1, rowid);
    sqlite3_bind_text(date_, 2, iso.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(date_, 3, iso.substr(0, 7).c_str(), -1, SQLITE_TRANSIENT);
    step(date_);
    record(f, rowid);
    return true;
  }

  void record(const briefings::FoundFile& f, long long rowid) {
    sqlite3_bind_text(file_, 1, f.path.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(file_, 2, f.size);
    sqlite3_bind_int64(file_, 3, f.mtime_ns);
    sqlite3_bind_int64(file_, 4, rowid);
    step(file_);
  }

  void remove(const std::string& path, long long rowid) {
    for (auto* st : {del_doc_, del_hosts_, del_date_}) {
      sqlite3_bind_int64(st, 1, rowid);
      step(st);
    }
    sqlite3_bind_text(del_file_, 1, path.c_str(), -1, SQLITE_TRANSIENT);
    step(del_file_);
  }

 private:
  static void step(sqlite3_stmt* st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) throw std::runtime_error("sqlite insert failed");
  }
  sqlite3_stmt *ins_, *host_, *date_, *file_, *del_doc_, *del_hosts_, *del_date_, *del_file_;
};

int index_command(const std::string& db_path, const std::vector<std::string>& inputs) {
  std::remove(db_path.c_str());
  Db db(db_path);
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  create_schema(db);
  auto walk = briefings::walk_inputs(inputs);
  db.exec("BEGIN");
  long long rowid = 0;
  {
    Loader loader(db);
    for (const auto& f : walk.files) {
      if (loader.add(f, rowid + 1)) ++rowid;
    }
  }
  db.exec("COMMIT");
  db.exec(
      "CREATE INDEX doc_hosts_host ON doc_hosts(host, doc); "
      "CREATE INDEX doc_hosts_doc ON doc_hosts(doc, host); "
      "CREATE INDEX doc_dates_date ON doc_dates(date);");
  std::printf("%lld documents\n", rowid);
  return 0;
}

int update_command(const std::string& db_path, const std::vector<std::string>& inputs) {
  Db db(db_path);
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  struct Known {
    long long size, mtime, doc;
  };
  std::map<std::string, Known> known;
  long long next = 1;
  {
    sqlite3_stmt* st = db.prepare("SELECT path, size, mtime, doc FROM files");
    while (sqlite3_step(st) == SQLITE_ROW) {
      known[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = {
          sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3)};
      next = std::max(next, sqlite3_column_int64(st, 3) + 1);
    }
    sqlite3_finalize(st);
  }
  auto walk = briefings::walk_inputs(inputs);
  size_t added = 0, changed = 0, removed = 0;
  db.exec("BEGIN");
  {
    Loader loader(db);
    for (const auto& f : walk.files) {
      auto it = known.find(f.path);
      if (it != known.end()) {
        Known k = it->second;
        known.erase(it);
        if (k.size == f.size && k.mtime == f.mtime_ns) continue;
        loader.remove(f.path, k.doc);
        ++changed;
      } else {
        ++added;
      }
      if (loader.add(f, next)) ++next;
    }
    for (const auto& [path, k] : known) {
      loader.remove(path, k.doc);
      ++removed;
    }
  }
  db.exec("COMMIT");
  std::printf("%zu added, %zu changed, %zu removed\n", added, changed, removed);
  return 0;
}

struct Query {
  std::string all;  // an FTS5 expression: every clause
  std::string any;  // any clause, for a relaxed result ("" when there is one clause)
  std::string domain;
  std::string since, until;
};

// An FTS5 string: quoted, so no word is taken for an operator.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c != '"') out += c;
  }
  return out + "\"";
}

// briefings' plain queries (searcher/query_text.h) as FTS5: each word or phrase a clause,
// stop words left out unless there is nothing else, "all" joining the clauses with AND and
// "any" with OR, as briefings relaxes a query that fewer than ten briefings match in full.
Query to_query(const briefings::bench::QueryLine& line) {
  using Kind = briefings::QueryToken::Kind;
  const briefings::QueryText text = briefings::read_query_text(line.query);
  std::vector<std::string> clauses, stop_words;
  for (const auto& token : text.tokens) {
    const bool stop = token.kind == Kind::stop_word;
    (stop ? stop_words : clauses).push_back(quoted(token.text));
  }
  const bool stop_words_only = clauses.empty();
  if (stop_words_only) clauses = stop_words;
  Query q{"", "", line.domain, line.since, line.until};
  for (const auto& c : clauses) {
    q.all += (q.all.empty() ? "" : " AND ") + c;
    q.any += (q.any.empty() ? "" : " OR ") + c;
  }
  if (clauses.size() < 2 || stop_words_only) q.any.clear();
  return q;
}

Query parse_query_line(const std::string& line) {
  return to_query(briefings::bench::split_query_line(line));
}

std::string filters_sql(const Query& q) {
  std::string where;
  if (!q.domain.empty()) where += " AND +rowid IN (SELECT doc FROM doc_hosts WHERE host = ?2)";
  if (!q.since.empty()) {
    where += " AND +rowid IN (SELECT doc FROM doc_dates WHERE date BETWEEN ?3 AND ?4)";
  }
  return where;
}

std::string top_sql(const std::string& where, const std::string& limit) {
  return "SELECT rowid, date, highlight(docs, 0, '<mark>', '</mark>'), "
         "snippet(docs, 1, '<mark>', '</mark>', '…', 32), bm25(docs, 4.0, 1.0) FROM docs "
         "WHERE " +
         where + " ORDER BY bm25(docs, 4.0, 1.0) LIMIT " + limit;
}

// The facets walk the match set and look each document up (CROSS JOIN fixes that order):
// left to itself, SQLite scans every host row and tests it against the match set.
std::vector<std::string> facet_sql(const std::string& where) {
  const std::string matches = "SELECT rowid AS d FROM docs WHERE " + where;
  return {"SELECT substr(h.host, 2), count(*) FROM (" + matches +
              ") AS m CROSS JOIN doc_hosts AS h ON h.doc = m.d "
              "WHERE h.host >= '=' AND h.host < '>' GROUP BY h.host ORDER BY count(*) DESC",
          "SELECT t.month, count(*) FROM (" + matches +
              ") AS m CROSS JOIN doc_dates AS t ON t.doc = m.d GROUP BY t.month"};
}

// The statements of a full response, with ?1 the "all" match, ?2 the domain, ?3, ?4 the
// date bounds and ?5 the "any" match: the top 10 with highlights and snippets, then the host
// and month counts over the whole match set. Relaxed (`full` below 10 full matches): the
// full matches, then the best of the rest, and the counts over both.
std::vector<std::string> response_sql(const Query& q, bool relaxed, long full) {
  const std::string all = "docs MATCH ?1" + filters_sql(q);
  if (!relaxed) {
    std::vector<std::string> out{top_sql(all, "10")};
    for (auto& f : facet_sql(all)) out.push_back(f);
    return out;
  }
  const std::string rest = "docs MATCH '(' || ?5 || ') NOT (' || ?1 || ')'" + filters_sql(q);
  std::vector<std::string> out{top_sql(all, "10"),
                               top_sql(rest, std::to_string(std::max(0L, 10 - full)))};
  for (auto& f : facet_sql("docs MATCH ?5" + filters_sql(q))) out.push_back(f);
  return out;
}

std::string count_sql(const Query& q) {
  return "SELECT count(*) FROM docs WHERE docs MATCH ?1" + filters_sql(q);
}

void bind(sqlite3_stmt* st, const Query& q) {
  sqlite3_bind_text(st, 1, q.all.c_str(), -1, SQLITE_TRANSIENT);
  if (!q.domain.empty()) sqlite3_bind_text(st, 2, q.domain.c_str(), -1, SQLITE_TRANSIENT);
  if (!q.since.empty()) {
    sqlite3_bind_text(st, 3, q.since.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, q.until.c_str(), -1, SQLITE_TRANSIENT);
  }
  if (sqlite3_bind_parameter_count(st) >= 5)
    sqlite3_bind_text(st, 5, q.any.c_str(), -1, SQLITE_TRANSIENT);
}

// How many briefings hold every clause, as briefings decides whether to relax.
long full_matches(Db& db, const Query& q) {
  sqlite3_stmt* st = db.prepare(count_sql(q));
  bind(st, q);
  long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return n;
}

// The response as a script for the sqlite3 shell, parameters written in as literals; the
// count that decides whether to relax comes first, as briefings makes it too.
std::string response_script(Db& db, const Query& q) {
  auto literal = [](const std::string& v) {
    std::string out = "'";
    for (char c : v) out += (c == '\'') ? std::string("''") : std::string(1, c);
    return out + "'";
  };
  const std::string values[] = {literal(q.all), literal(q.domain), literal(q.since),
                                literal(q.until), literal(q.any)};
  const long full = full_matches(db, q);
  std::vector<std::string> statements{count_sql(q)};
  for (auto& sql : response_sql(q, !q.any.empty() && full < 10, full)) statements.push_back(sql);
  std::string script;
  for (std::string sql : statements) {
    for (int i = 5; i >= 1; --i) {
      std::string mark(1, '?');  // not "?" + ...: GCC 12 warns falsely at -O3
      mark += std::to_string(i);
      for (size_t at; (at = sql.find(mark)) != std::string::npos;)
        sql.replace(at, mark.size(), values[i - 1]);
    }
    script += sql + ";\n";
  }
  return script;
}

struct Response {
  size_t produced = 0;  // characters, so the work is not elided
  bool empty = true;    // no briefing listed
};

// One full response.
Response respond(Db& db, const Query& q, bool print) {
  Response r;
  const long full = full_matches(db, q);
  for (const auto& sql : response_sql(q, !q.any.empty() && full < 10, full)) {
    sqlite3_stmt* st = db.prepare(sql);
    bind(st, q);
    const bool top = sql.rfind("SELECT rowid,", 0) == 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
      r.empty = r.empty && !top;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* text = sqlite3_column_text(st, c);
        if (!text) continue;
        r.produced += std::char_traits<char>::length(reinterpret_cast<const char*>(text));
        if (print) std::cout << text << (c + 1 < sqlite3_column_count(st) ? "\t" : "\n");
      }
    }
    sqlite3_finalize(st);
  }
  return r;
}

int search_command(const std::string& db_path, const std::string& queries_path) {
  Db db(db_path);
  std::vector<Query> queries;
  for (const auto& line : briefings::bench::read_query_lines(queries_path)) {
    queries.push_back(to_query(line));
  }
  size_t empty = 0;
  for (const auto& q : queries) empty += respond(db, q, false).empty;
  briefings::bench::time_query_mix(
      queries, [&](const Query& q) { return respond(db, q, false).produced; },
      "\"without_result\": " + std::to_string(empty));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 3 && args[0] == "index") {
      return index_command(args[1], {args.begin() + 2, args.end()});
    }
    if (args.size() >= 3 && args[0] == "update") {
      return update_command(args[1], {args.begin() + 2, args.end()});
    }
    if (args.size() == 3 && args[0] == "sql") {
      Db db(args[1]);
      std::cout << response_script(db, parse_query_line(args[2]));
      return 0;
    }
    if (args.size() == 3 && args[0] == "search") return search_command(args[1], args[2]);
    if (args.size() == 3 && args[0] == "query") {
      Db db(args[1]);
      respond(db, parse_query_line(args[2]), true);
      return 0;
    }
    std::cerr << "usage: fts5-peer index|update DB PATH... | search DB QUERIES | query DB LINE"
                 " | sql DB LINE\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "fts5-peer: " << e.what() << "\n";
    return 1;
  }
}
