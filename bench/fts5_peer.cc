// fts5-peer: the same job as briefings, done as well as SQLite FTS5 can, for benchmarks.
//
//   fts5-peer index DB PATH...        bulk load in one transaction (parses with our parser,
//                                     so both sides pay the same parsing cost)
//   fts5-peer search DB QUERIES       runs each line of QUERIES (an FTS5 query, optionally
//                                     followed by TAB domain=HOST or TAB since..until) once
//                                     to warm up, then again timed; prints p50/p95/p99 in ms
//   fts5-peer query DB QUERY          one full response on stdout (for whole-process timing)
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
#include <stdexcept>
#include <string>
#include <vector>

#include "index/schema.h"
#include "indexer/briefing_parser.h"
#include "indexer/file_walker.h"

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

int index_command(const std::string& db_path, const std::vector<std::string>& inputs) {
  std::remove(db_path.c_str());
  Db db(db_path);
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  db.exec(
      "CREATE VIRTUAL TABLE docs USING fts5(headline, body, hosts UNINDEXED, date UNINDEXED, "
      "tokenize='porter unicode61');"
      "CREATE TABLE doc_hosts(doc INTEGER, host TEXT);"
      "CREATE TABLE doc_dates(doc INTEGER PRIMARY KEY, date TEXT, month TEXT);");
  auto walk = briefings::walk_inputs(inputs);
  db.exec("BEGIN");
  sqlite3_stmt* ins = db.prepare(
      "INSERT INTO docs(rowid, headline, body, hosts, date) "
      "VALUES (?, ?, ?, ?, ?)");
  sqlite3_stmt* host = db.prepare("INSERT INTO doc_hosts VALUES (?, ?)");
  sqlite3_stmt* date = db.prepare("INSERT INTO doc_dates VALUES (?, ?, ?)");
  briefings::Date today{2100, 1, 1};
  long long rowid = 0;
  for (const auto& f : walk.files) {
    auto outcome = briefings::parse_briefing(
        read_all(f.path), {f.path, std::nullopt, f.mtime_ns / 1000000000LL, today});
    if (!outcome.briefing) continue;
    const Briefing& b = *outcome.briefing;
    ++rowid;
    std::string hosts = briefings::schema::encode_host_list(b.hosts());
    std::string body = b.body_text(), iso = b.date.iso();
    sqlite3_bind_int64(ins, 1, rowid);
    sqlite3_bind_text(ins, 2, b.headline.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, body.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 4, hosts.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 5, iso.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(ins);
    sqlite3_reset(ins);
    // Filtering by domain matches sub-domains too, as in briefings: store each parent.
    for (const auto& h : b.hosts()) {
      for (const auto& p : briefings::schema::host_and_parents(h)) {
        sqlite3_bind_int64(host, 1, rowid);
        sqlite3_bind_text(host, 2, (p == h ? "=" + h : p).c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(host);
        sqlite3_reset(host);
      }
    }
    sqlite3_bind_int64(date, 1, rowid);
    sqlite3_bind_text(date, 2, iso.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(date, 3, iso.substr(0, 7).c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(date);
    sqlite3_reset(date);
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(host);
  sqlite3_finalize(date);
  db.exec("COMMIT");
  db.exec(
      "CREATE INDEX doc_hosts_host ON doc_hosts(host, doc); "
      "CREATE INDEX doc_hosts_doc ON doc_hosts(doc);");
  std::printf("%lld documents\n", rowid);
  return 0;
}

struct Query {
  std::string match;
  std::string domain;
  std::string since, until;
};

Query parse_query_line(const std::string& line) {
  Query q;
  auto tab = line.find('\t');
  q.match = line.substr(0, tab);
  if (tab != std::string::npos) {
    std::string filter = line.substr(tab + 1);
    if (filter.rfind("domain=", 0) == 0) {
      q.domain = filter.substr(7);
    } else if (auto dots = filter.find(".."); dots != std::string::npos) {
      q.since = filter.substr(0, dots);
      q.until = filter.substr(dots + 2);
    }
  }
  return q;
}

// One full response; returns the number of characters produced so the work is not elided.
size_t respond(Db& db, const Query& q, bool print) {
  std::string where = "docs MATCH ?1";
  if (!q.domain.empty()) where += " AND rowid IN (SELECT doc FROM doc_hosts WHERE host = ?2)";
  if (!q.since.empty()) {
    where += " AND rowid IN (SELECT doc FROM doc_dates WHERE date BETWEEN ?3 AND ?4)";
  }
  auto bind = [&](sqlite3_stmt* st) {
    sqlite3_bind_text(st, 1, q.match.c_str(), -1, SQLITE_TRANSIENT);
    if (!q.domain.empty()) sqlite3_bind_text(st, 2, q.domain.c_str(), -1, SQLITE_TRANSIENT);
    if (!q.since.empty()) {
      sqlite3_bind_text(st, 3, q.since.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 4, q.until.c_str(), -1, SQLITE_TRANSIENT);
    }
  };
  size_t produced = 0;
  auto run = [&](const std::string& sql) {
    sqlite3_stmt* st = db.prepare(sql);
    bind(st);
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* text = sqlite3_column_text(st, c);
        if (!text) continue;
        produced += std::char_traits<char>::length(reinterpret_cast<const char*>(text));
        if (print) std::cout << text << (c + 1 < sqlite3_column_count(st) ? "\t" : "\n");
      }
    }
    sqlite3_finalize(st);
  };
  run("SELECT rowid, date, highlight(docs, 0, '<mark>', '</mark>'), "
      "snippet(docs, 1, '<mark>', '</mark>', '…', 32), bm25(docs, 4.0, 1.0) FROM docs WHERE " +
      where + " ORDER BY bm25(docs, 4.0, 1.0) LIMIT 10");
  run("SELECT substr(host, 2), count(*) FROM doc_hosts WHERE host LIKE '=%' AND doc IN "
      "(SELECT rowid FROM docs WHERE " +
      where + ") GROUP BY host ORDER BY count(*) DESC");
  run("SELECT month, count(*) FROM doc_dates WHERE doc IN (SELECT rowid FROM docs WHERE " + where +
      ") GROUP BY month");
  return produced;
}

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  std::vector<Query> queries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(parse_query_line(line));
  }
  return queries;
}

int search_command(const std::string& db_path, const std::string& queries_path) {
  Db db(db_path);
  auto queries = read_queries(queries_path);
  size_t sink = 0;
  for (const auto& q : queries) sink += respond(db, q, false);
  std::vector<double> ms;
  for (const auto& q : queries) {
    auto start = std::chrono::steady_clock::now();
    sink += respond(db, q, false);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms.empty() ? 0 : ms[std::min(ms.size() - 1, size_t(p * ms.size()))];
  };
  std::printf("p50 %.3f p95 %.3f p99 %.3f queries %zu bytes %zu\n", pct(0.50), pct(0.95), pct(0.99),
              ms.size(), sink);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 3 && args[0] == "index") {
      return index_command(args[1], {args.begin() + 2, args.end()});
    }
    if (args.size() == 3 && args[0] == "search") return search_command(args[1], args[2]);
    if (args.size() == 3 && args[0] == "query") {
      Db db(args[1]);
      respond(db, parse_query_line(args[2]), true);
      return 0;
    }
    std::cerr << "usage: fts5-peer index DB PATH... | search DB QUERIES | query DB QUERY\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "fts5-peer: " << e.what() << "\n";
    return 1;
  }
}
