// The benchmark corpus: tables named t<i> with an id, a foreign key to an earlier table, a
// status, timestamps and numeric columns; views of ten shapes drawn at random, a quarter of
// them built on earlier views.
#include "bench/corpus.h"

#include <random>

namespace ds::bench {

namespace {

struct TableShape {
  std::string name;
  std::vector<std::string> columns;  ///< id, parent_id, status, created_at, then c<k>
};

class Generator {
 public:
  Generator(int tables, uint32_t seed) : random_(seed) {
    for (int i = 0; i < tables; ++i) {
      TableShape table{"t" + std::to_string(i), {"id", "parent_id", "status", "created_at"}};
      int extra = Pick(2, 11);
      for (int k = 0; k < extra; ++k) table.columns.push_back("c" + std::to_string(k));
      tables_.push_back(std::move(table));
    }
  }

  std::string Schema() const {
    std::string sql;
    for (const TableShape& table : tables_) {
      sql += "CREATE TABLE " + table.name + " (id bigint PRIMARY KEY, parent_id bigint, status text, "
             "created_at timestamptz";
      for (size_t k = 4; k < table.columns.size(); ++k) sql += ", " + table.columns[k] + " numeric";
      sql += ");\n";
    }
    return sql;
  }

  std::string View(int index) {
    std::string name = "v" + std::to_string(index);
    int shape = Pick(0, 9);
    std::string body;
    // A quarter of the views read an earlier view (views on views).
    if (index > 10 && Pick(0, 3) == 0) {
      body = OnView(index);
    } else {
      const TableShape& a = Table();
      const TableShape& b = Table();
      switch (shape) {
        case 0: body = Filter(a); break;
        case 1: body = Join(a, b); break;
        case 2: body = Aggregate(a, b); break;
        case 3: body = Cte(a, b); break;
        case 4: body = Star(a); break;
        case 5: body = Window(a); break;
        case 6: body = Case(a); break;
        case 7: body = Exists(a, b); break;
        case 8: body = UnionAll(a, b); break;
        default: body = Lateral(a, b); break;
      }
    }
    view_columns_.push_back(LastColumns());
    return "CREATE VIEW " + name + " AS\n" + body + ";\n";
  }

 private:
  int Pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  const TableShape& Table() { return tables_[Pick(0, static_cast<int>(tables_.size()) - 1)]; }
  std::string Num(const TableShape& t) { return t.columns[Pick(4, static_cast<int>(t.columns.size()) - 1)]; }
  std::vector<std::string> LastColumns() { return last_; }

  std::string Filter(const TableShape& a) {
    std::string x = Num(a), y = Num(a);
    last_ = {"id", "status", x, "y2"};
    return "SELECT id, status, " + x + ", " + y + " * 2 AS y2 FROM " + a.name +
           " WHERE created_at > now() - interval '30 days' AND " + x + " > 0";
  }
  std::string Join(const TableShape& a, const TableShape& b) {
    std::string x = Num(a), y = Num(b);
    last_ = {"id", "a_status", "b_status", "total"};
    return "SELECT a.id, a.status AS a_status, b.status AS b_status, a." + x + " + b." + y +
           " AS total\nFROM " + a.name + " a JOIN " + b.name + " b ON b.parent_id = a.id\nWHERE b." +
           y + " IS NOT NULL";
  }
  std::string Aggregate(const TableShape& a, const TableShape& b) {
    std::string x = Num(b);
    last_ = {"status", "day", "n", "total"};
    return "SELECT a.status, date_trunc('day', b.created_at) AS day, count(*) AS n, sum(b." + x +
           ") AS total\nFROM " + a.name + " a LEFT JOIN " + b.name +
           " b ON b.parent_id = a.id\nGROUP BY 1, 2\nHAVING count(*) > 1";
  }
  std::string Cte(const TableShape& a, const TableShape& b) {
    std::string x = Num(a);
    last_ = {"id", "status", "amount", "rank"};
    return "WITH recent AS (SELECT id, parent_id, status, " + x + " AS amount FROM " + a.name +
           " WHERE created_at > now() - interval '7 days'),\n"
           "     ranked AS (SELECT r.*, rank() OVER (PARTITION BY r.status ORDER BY r.amount DESC) AS rank\n"
           "                FROM recent r JOIN " + b.name + " p ON p.id = r.parent_id)\n"
           "SELECT id, status, amount, rank FROM ranked WHERE rank <= 10";
  }
  std::string Star(const TableShape& a) {
    last_ = {"id", "parent_id", "status", "created_at"};
    return "SELECT * FROM " + a.name + " WHERE status <> 'deleted'";
  }
  std::string Window(const TableShape& a) {
    std::string x = Num(a);
    last_ = {"id", "running", "previous"};
    return "SELECT id, sum(" + x + ") OVER (PARTITION BY parent_id ORDER BY created_at) AS running,\n"
           "       lag(" + x + ") OVER w AS previous\nFROM " + a.name +
           "\nWINDOW w AS (PARTITION BY status ORDER BY created_at)";
  }
  std::string Case(const TableShape& a) {
    std::string x = Num(a), y = Num(a);
    last_ = {"id", "bucket", "amount"};
    return "SELECT id, CASE WHEN " + x + " > 100 THEN 'high' WHEN " + x +
           " > 10 THEN 'mid' ELSE 'low' END AS bucket,\n       coalesce(" + y + ", 0) AS amount\nFROM " +
           a.name + " WHERE status IN ('active', 'trial')";
  }
  std::string Exists(const TableShape& a, const TableShape& b) {
    last_ = {"id", "status", "children"};
    return "SELECT a.id, a.status, (SELECT count(*) FROM " + b.name +
           " c WHERE c.parent_id = a.id) AS children\nFROM " + a.name +
           " a\nWHERE EXISTS (SELECT 1 FROM " + b.name + " b WHERE b.parent_id = a.id AND b.status = 'open')";
  }
  std::string UnionAll(const TableShape& a, const TableShape& b) {
    last_ = {"id", "status", "created_at"};
    return "SELECT id, status, created_at FROM " + a.name + " WHERE status = 'new'\nUNION ALL\n"
           "SELECT id, status, created_at FROM " + b.name + " WHERE status = 'old'\nORDER BY 3 DESC";
  }
  std::string Lateral(const TableShape& a, const TableShape& b) {
    std::string y = Num(b);
    last_ = {"id", "latest"};
    return "SELECT a.id, l.latest FROM " + a.name + " a\nCROSS JOIN LATERAL (SELECT max(" + y +
           ") AS latest FROM " + b.name + " b WHERE b.parent_id = a.id) l";
  }
  std::string OnView(int index) {
    int earlier = Pick(0, index - 1);
    const std::vector<std::string>& columns = view_columns_[earlier];
    const TableShape& t = Table();
    std::string first = columns[0];
    std::string second = columns[columns.size() > 1 ? 1 : 0];
    last_ = {first, "label", "extra"};
    return "SELECT v." + first + ", upper(v." + second + "::text) AS label, t.status AS extra\nFROM v" +
           std::to_string(earlier) + " v LEFT JOIN " + t.name + " t ON t.id = v." + first +
           "::bigint\nWHERE t.created_at IS NOT NULL";
  }

  std::mt19937 random_;
  std::vector<TableShape> tables_;
  std::vector<std::vector<std::string>> view_columns_;
  std::vector<std::string> last_;
};

}  // namespace

Corpus GenerateCorpus(int tables, int views, uint32_t seed) {
  Generator generator(tables, seed);
  Corpus corpus;
  corpus.schema = generator.Schema();
  for (int i = 0; i < views; ++i) corpus.views.push_back(generator.View(i));
  return corpus;
}

}  // namespace ds::bench
