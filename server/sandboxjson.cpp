#include "server/sandboxjson.h"

#include "server/sandbox.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>
#include <utility>

namespace OrkestrLocal {

namespace {

void appendHex4(QByteArray &out, char16_t unit)
{
    static constexpr char Digits[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += Digits[(unit >> shift) & 0xF];
}

// UTF-8 with JSON's escapes; a lone surrogate as an escape, as QJsonDocument writes it.
void appendString(QByteArray &out, QStringView text)
{
    out += '"';
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = text[i].unicode();
        if (unit < 0x80) {
            switch (unit) {
            case u'"':
                out += "\\\"";
                break;
            case u'\\':
                out += "\\\\";
                break;
            case u'\n':
                out += "\\n";
                break;
            case u'\r':
                out += "\\r";
                break;
            case u'\t':
                out += "\\t";
                break;
            default:
                if (unit < 0x20)
                    appendHex4(out, unit);
                else
                    out += char(unit);
            }
            continue;
        }
        char32_t point = unit;
        if (QChar::isHighSurrogate(unit) && i + 1 < size && QChar::isLowSurrogate(text[i + 1].unicode())) {
            point = QChar::surrogateToUcs4(unit, text[++i].unicode());
        } else if (QChar::isSurrogate(unit)) {
            appendHex4(out, unit); // as QJsonDocument writes a lone surrogate
            continue;
        }
        if (point < 0x800) {
            out += char(0xC0 | (point >> 6));
        } else if (point < 0x10000) {
            out += char(0xE0 | (point >> 12));
            out += char(0x80 | ((point >> 6) & 0x3F));
        } else {
            out += char(0xF0 | (point >> 18));
            out += char(0x80 | ((point >> 12) & 0x3F));
            out += char(0x80 | ((point >> 6) & 0x3F));
        }
        out += char(0x80 | (point & 0x3F));
    }
    out += '"';
}

void appendNumber(QByteArray &out, double value)
{
    // As QJsonDocument writes it: the shortest text that reads back the same; no JSON for NaN.
    if (std::isfinite(value))
        out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    else
        out += "null";
}

void appendValue(QByteArray &out, const QJsonValue &value);

void appendObject(QByteArray &out, const QJsonObject &object)
{
    out += '{';
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it != object.begin())
            out += ',';
        appendString(out, it.key());
        out += ':';
        appendValue(out, it.value());
    }
    out += '}';
}

void appendValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double:
        if (const qint64 whole = value.toInteger(); double(whole) == value.toDouble())
            out += QByteArray::number(whole);
        else
            appendNumber(out, value.toDouble());
        return;
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            appendValue(out, array.at(i));
        }
        out += ']';
        return;
    }
    case QJsonValue::Object:
        appendObject(out, value.toObject());
        return;
    }
}

void appendTwoDigits(QByteArray &out, int value)
{
    out += char('0' + value / 10);
    out += char('0' + value % 10);
}

// timestamp(): ISO 8601 in UTC with milliseconds, e.g. 2026-11-21T20:32:00.123Z; when unset,
// null or (as timestamp() gives it) an empty string.
enum class Unset { Null, Empty };
void appendTimestamp(QByteArray &out, const QDateTime &time, Unset unset = Unset::Null)
{
    if (!time.isValid()) {
        out += unset == Unset::Null ? "null" : "\"\"";
        return;
    }
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    if (date.year() < 1000 || date.year() > 9999) {
        appendString(out, timestamp(time));
        return;
    }
    out += '"';
    out += QByteArray::number(date.year());
    out += '-';
    appendTwoDigits(out, date.month());
    out += '-';
    appendTwoDigits(out, date.day());
    out += 'T';
    appendTwoDigits(out, clock.hour());
    out += ':';
    appendTwoDigits(out, clock.minute());
    out += ':';
    appendTwoDigits(out, clock.second());
    out += '.';
    out += char('0' + clock.msec() / 100);
    appendTwoDigits(out, clock.msec() % 100);
    out += "Z\"";
}

void appendStringOrNull(QByteArray &out, const QString &text)
{
    if (text.isEmpty())
        out += "null";
    else
        appendString(out, text);
}

} // namespace

void appendSandboxJson(QByteArray &out, const Sandbox &sandbox)
{
    out += "{\"id\":";
    appendString(out, sandbox.id);
    out += ",\"template\":";
    appendString(out, sandbox.templateName);
    out += ",\"status\":";
    appendString(out, statusName(sandbox.status));
    out += ",\"region\":";
    appendString(out, sandbox.region);
    out += ",\"cpu\":";
    appendValue(out, QJsonValue(sandbox.cpu));
    out += ",\"memory_mb\":";
    out += QByteArray::number(sandbox.memoryMb);
    out += ",\"network\":";
    appendString(out, sandbox.network);
    out += ",\"timeout_seconds\":";
    out += QByteArray::number(sandbox.timeoutSeconds);
    out += ",\"env_keys\":[";
    bool first = true;
    for (auto it = sandbox.env.begin(); it != sandbox.env.end(); ++it) {
        if (!std::exchange(first, false))
            out += ',';
        appendString(out, it.key());
    }
    out += "],\"metadata\":";
    appendObject(out, sandbox.metadata);
    out += ",\"created_at\":";
    appendTimestamp(out, sandbox.createdAt, Unset::Empty);
    out += ",\"expires_at\":";
    appendTimestamp(out, sandbox.expiresAt);
    out += ",\"paused_at\":";
    appendTimestamp(out, sandbox.pausedAt);
    out += ",\"terminated_at\":";
    appendTimestamp(out, sandbox.terminatedAt);
    out += ",\"termination_reason\":";
    appendStringOrNull(out, sandbox.terminationReason);
    out += ",\"snapshot\":";
    if (sandbox.status == SandboxStatus::Paused && sandbox.snapshotSizeBytes >= 0) {
        out += "{\"created_at\":";
        appendTimestamp(out, sandbox.snapshotCreatedAt, Unset::Empty);
        out += ",\"size_bytes\":";
        out += QByteArray::number(sandbox.snapshotSizeBytes);
        out += '}';
    } else {
        out += "null";
    }
    out += ",\"version\":";
    out += QByteArray::number(sandbox.version);
    out += '}';
}

SandboxPageJson::SandboxPageJson(int limit)
    : m_body("{\"sandboxes\":[")
{
    // About 600 bytes a sandbox: one allocation for most pages.
    m_body.reserve(qsizetype(limit) * 640 + 64);
}

void SandboxPageJson::append(const Sandbox &sandbox)
{
    if (m_size++ > 0)
        m_body += ',';
    appendSandboxJson(m_body, sandbox);
}

QByteArray SandboxPageJson::finish(const QString &nextCursor)
{
    m_body += "],\"next_cursor\":";
    appendStringOrNull(m_body, nextCursor);
    m_body += '}';
    return std::exchange(m_body, QByteArray());
}

} // namespace OrkestrLocal
