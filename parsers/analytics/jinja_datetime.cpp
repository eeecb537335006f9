// dbt's `modules.datetime`, as Python's datetime module behaves, over one representation: a
// date, datetime or timedelta is microseconds (since the epoch, UTC, or of the duration). "Now"
// is the fixed instant datetime::kRunStartedAt, so renders are reproducible; years stay within
// Python's 1..9999, anything else is unknown.
#include <cstdio>
#include <iterator>
#include <string>

#include "parsers/analytics/jinja_renderer.h"

namespace ds::analytics::jinja::datetime {
namespace {

constexpr int64_t kMicros = 1000000;
constexpr int64_t kDay = 86400 * kMicros;
constexpr int64_t kMinDays = -719162;  // 0001-01-01
constexpr int64_t kMaxDays = 2932896;  // 9999-12-31

struct Civil {
  int64_t year;
  int month, day;
};

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, day 0 = 1970-01-01).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Value Make(const char* type, int64_t micros, bool aware = false) {
  int64_t days = FloorDiv(micros, kDay);
  if (std::string(type) != "timedelta" && (days < kMinDays || days > kMaxDays)) return Value::Unknown("a date out of range");
  Value v = Value::Of(Kind::kDateTime);
  v.text = type;
  v.integer = micros;
  v.boolean = aware;
  return v;
}

bool IsDate(const Value& v) { return v.kind == Kind::kDateTime && v.text == "date"; }
bool IsDateTime(const Value& v) { return v.kind == Kind::kDateTime && v.text == "datetime"; }
bool IsDelta(const Value& v) { return v.kind == Kind::kDateTime && v.text == "timedelta"; }

std::string Pad(int64_t v, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%0*lld", width, static_cast<long long>(v));
  return buffer;
}

struct Parts {
  Civil date;
  int64_t hour, minute, second, micro, weekday;  ///< weekday: Monday 0
  int64_t day_of_year;
};

Parts Split(const Value& v) {
  int64_t days = FloorDiv(v.integer, kDay), rest = v.integer - days * kDay;
  Civil c = CivilFromDays(days);
  return {c,
          rest / (3600 * kMicros),
          rest / (60 * kMicros) % 60,
          rest / kMicros % 60,
          rest % kMicros,
          ((days % 7) + 7 + 3) % 7,  // 1970-01-01 was a Thursday
          days - DaysFromCivil(c.year, 1, 1) + 1};
}

const char* const kDayNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

/// strftime over the directives Python documents as portable; nullopt for any other.
std::optional<std::string> Format(const Value& v, const std::string& format) {
  Parts p = Split(v);
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    switch (format[++i]) {
      case 'Y': out += Pad(p.date.year, 4); break;
      case 'y': out += Pad(p.date.year % 100, 2); break;
      case 'm': out += Pad(p.date.month, 2); break;
      case 'd': out += Pad(p.date.day, 2); break;
      case 'H': out += Pad(p.hour, 2); break;
      case 'I': out += Pad(p.hour % 12 == 0 ? 12 : p.hour % 12, 2); break;
      case 'p': out += p.hour < 12 ? "AM" : "PM"; break;
      case 'M': out += Pad(p.minute, 2); break;
      case 'S': out += Pad(p.second, 2); break;
      case 'f': out += Pad(p.micro, 6); break;
      case 'j': out += Pad(p.day_of_year, 3); break;
      case 'a': out += std::string(kDayNames[p.weekday]).substr(0, 3); break;
      case 'A': out += kDayNames[p.weekday]; break;
      case 'w': out += std::to_string((p.weekday + 1) % 7); break;
      case 'u': out += std::to_string(p.weekday + 1); break;
      case 'b': out += std::string(kMonthNames[p.date.month - 1]).substr(0, 3); break;
      case 'B': out += kMonthNames[p.date.month - 1]; break;
      case 'z': out += v.boolean ? "+0000" : ""; break;
      case 'Z': out += v.boolean ? "UTC" : ""; break;
      case '%': out += '%'; break;
      default: return std::nullopt;
    }
  }
  return out;
}

std::string DeltaText(int64_t micros) {
  int64_t days = FloorDiv(micros, kDay), rest = micros - days * kDay;
  std::string out;
  if (days != 0) out = std::to_string(days) + (days == 1 || days == -1 ? " day, " : " days, ");
  out += std::to_string(rest / (3600 * kMicros)) + ":" + Pad(rest / (60 * kMicros) % 60, 2) + ":" + Pad(rest / kMicros % 60, 2);
  if (rest % kMicros != 0) out += "." + Pad(rest % kMicros, 6);
  return out;
}

std::string IsoText(const Value& v, char separator) {
  if (IsDate(v)) return *Format(v, "%Y-%m-%d");
  std::string out = *Format(v, std::string("%Y-%m-%d") + separator + "%H:%M:%S");
  if (v.integer % kMicros != 0) out += *Format(v, ".%f");
  return out + (v.boolean ? "+00:00" : "");
}

/// An integer argument at `position` or `keyword`, `fallback` when absent; nullopt when not an int.
std::optional<int64_t> IntArg(const std::vector<Value>& args, const std::vector<std::pair<std::string, Value>>& kwargs,
                              size_t position, const char* keyword, std::optional<int64_t> fallback) {
  const Value* v = position < args.size() ? &args[position] : nullptr;
  for (const auto& [key, value] : kwargs) {
    if (key == keyword) v = &value;
  }
  if (v == nullptr) return fallback;
  if (v->kind == Kind::kInt) return v->integer;
  return std::nullopt;
}

bool ValidDate(int64_t y, int64_t m, int64_t d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap);
}

}  // namespace

Value RunStartedAt() { return Make("datetime", kRunStartedAt * kMicros, true); }

std::optional<Value> Call(const std::string& name, const std::vector<Value>& args,
                          const std::vector<std::pair<std::string, Value>>& kwargs) {
  int64_t now = kRunStartedAt * kMicros;
  if (name == "date.today") return Make("date", FloorDiv(now, kDay) * kDay);
  if (name == "datetime.now" || name == "datetime.utcnow" || name == "datetime.today") {
    return Make("datetime", now, name == "datetime.now" && !args.empty());  // now(tz): aware
  }
  if (name == "date" || name == "datetime") {
    std::optional<int64_t> y = IntArg(args, kwargs, 0, "year", std::nullopt), m = IntArg(args, kwargs, 1, "month", std::nullopt),
                           d = IntArg(args, kwargs, 2, "day", std::nullopt);
    if (!y || !m || !d || !ValidDate(*y, *m, *d)) return Value::Unknown("modules.datetime." + name);
    int64_t micros = DaysFromCivil(*y, static_cast<int>(*m), static_cast<int>(*d)) * kDay;
    if (name == "date") return Make("date", micros);
    std::optional<int64_t> h = IntArg(args, kwargs, 3, "hour", 0), mi = IntArg(args, kwargs, 4, "minute", 0),
                           s = IntArg(args, kwargs, 5, "second", 0), us = IntArg(args, kwargs, 6, "microsecond", 0);
    if (!h || !mi || !s || !us || *h < 0 || *h > 23 || *mi < 0 || *mi > 59 || *s < 0 || *s > 59 || *us < 0 || *us >= kMicros) {
      return Value::Unknown("modules.datetime.datetime");
    }
    return Make("datetime", micros + ((*h * 60 + *mi) * 60 + *s) * kMicros + *us);
  }
  if (name == "timedelta") {
    // timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks), ints only.
    static const std::pair<const char*, int64_t> kUnits[] = {{"days", kDay},          {"seconds", kMicros},
                                                            {"microseconds", 1},      {"milliseconds", 1000},
                                                            {"minutes", 60 * kMicros}, {"hours", 3600 * kMicros},
                                                            {"weeks", 7 * kDay}};
    int64_t total = 0;
    for (size_t i = 0; i < std::size(kUnits); ++i) {
      std::optional<int64_t> n = IntArg(args, kwargs, i, kUnits[i].first, 0);
      int64_t part = 0;
      if (!n || *n > 1000000000 || *n < -1000000000 || __builtin_mul_overflow(*n, kUnits[i].second, &part) ||
          __builtin_add_overflow(total, part, &total)) {
        return Value::Unknown("modules.datetime.timedelta");
      }
    }
    return Make("timedelta", total);
  }
  if (name == "date.fromisoformat" && args.size() == 1 && args[0].kind == Kind::kString) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(args[0].text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && args[0].text.size() == 10 &&
        ValidDate(y, m, d)) {
      return Make("date", DaysFromCivil(y, m, d) * kDay);
    }
    return Value::Unknown("modules.datetime.date.fromisoformat");
  }
  return std::nullopt;
}

Value Attribute(const Value& v, const std::string& name) {
  if (IsDelta(v)) {
    int64_t days = FloorDiv(v.integer, kDay), rest = v.integer - days * kDay;
    if (name == "days") return Value::Int(days);
    if (name == "seconds") return Value::Int(rest / kMicros);
    if (name == "microseconds") return Value::Int(rest % kMicros);
    return Value{};
  }
  Parts p = Split(v);
  if (name == "year") return Value::Int(p.date.year);
  if (name == "month") return Value::Int(p.date.month);
  if (name == "day") return Value::Int(p.date.day);
  if (IsDateTime(v)) {
    if (name == "hour") return Value::Int(p.hour);
    if (name == "minute") return Value::Int(p.minute);
    if (name == "second") return Value::Int(p.second);
    if (name == "microsecond") return Value::Int(p.micro);
  }
  return Value{};
}

std::optional<Value> Method(const Value& v, const std::string& method, const std::vector<Value>& args) {
  if (IsDelta(v)) {
    if (method == "total_seconds") return Value::Float(static_cast<double>(v.integer) / kMicros);
    return std::nullopt;
  }
  if (method == "strftime") {
    if (args.empty() || args[0].kind != Kind::kString) return Value::Unknown("strftime");
    std::optional<std::string> out = Format(v, args[0].text);
    return out ? Value::String(std::move(*out)) : Value::Unknown("strftime('" + args[0].text + "')");
  }
  if (method == "isoformat") {
    char separator = !args.empty() && args[0].kind == Kind::kString && args[0].text.size() == 1 ? args[0].text[0] : 'T';
    return Value::String(IsoText(v, separator));
  }
  if (method == "date") return Make("date", FloorDiv(v.integer, kDay) * kDay);
  if (method == "weekday") return Value::Int(Split(v).weekday);
  if (method == "isoweekday") return Value::Int(Split(v).weekday + 1);
  return std::nullopt;
}

Value Arithmetic(const std::string& op, const Value& a, const Value& b) {
  int64_t r = 0;
  if ((op == "+" || op == "-") && (IsDate(a) || IsDateTime(a)) && IsDelta(b)) {
    // date + timedelta counts whole days only, as Python's does.
    int64_t delta = IsDate(a) ? FloorDiv(b.integer, kDay) * kDay : b.integer;
    bool overflow = op == "+" ? __builtin_add_overflow(a.integer, delta, &r) : __builtin_sub_overflow(a.integer, delta, &r);
    if (!overflow) return Make(a.text.c_str(), r, a.boolean);
  } else if (op == "+" && IsDelta(a) && (IsDate(b) || IsDateTime(b))) {
    return Arithmetic(op, b, a);
  } else if (op == "-" && a.kind == Kind::kDateTime && a.text == b.text && a.boolean == b.boolean) {
    if (!__builtin_sub_overflow(a.integer, b.integer, &r)) return Make("timedelta", r);
  } else if (op == "+" && IsDelta(a) && IsDelta(b)) {
    if (!__builtin_add_overflow(a.integer, b.integer, &r)) return Make("timedelta", r);
  } else if (op == "*" && IsDelta(a) && b.kind == Kind::kInt) {
    if (!__builtin_mul_overflow(a.integer, b.integer, &r)) return Make("timedelta", r);
  } else if (op == "*" && a.kind == Kind::kInt && IsDelta(b)) {
    return Arithmetic(op, b, a);
  }
  return Value::Unknown(Brief(a) + " " + op + " " + Brief(b));
}

}  // namespace ds::analytics::jinja::datetime

namespace ds::analytics::jinja {

std::string DateTimeText(const Value& v) {
  return datetime::IsDelta(v) ? datetime::DeltaText(v.integer) : datetime::IsoText(v, ' ');
}

}  // namespace ds::analytics::jinja
