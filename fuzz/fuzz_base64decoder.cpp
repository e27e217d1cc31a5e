// fuzz_base64decoder: the streaming decoder of file reads.
//
// Input: an optional header line, then a split header (see FuzzInput::splitSizes), then the
// payload.
//   "json\n" (or no header): the payload is a response body. Fed in pieces it must give what it
//     gives fed whole (success, bytes, envelope); when it succeeds, the document must be a JSON
//     object whose "content" is strict base64 of exactly the bytes written, and the envelope the
//     rest of the object. When the whole document is a valid object with strict base64 content,
//     its canonical form must decode. Invalid input is an error, never a crash.
//   "raw\n": the payload is a file's bytes: Base64JsonEncoder (the upload side) encodes it,
//     read in pieces, and the decoder must give back the same bytes and fields.

#include "core/base64jsonencoder.h"
#include "core/base64streamdecoder.h"
#include "fuzz/fuzzinput.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Orkestr;
using namespace OrkestrFuzz;
using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    bool ok = false;
    QByteArray bytes;
    QJsonObject envelope;
    bool foundField = false;
    QString error;
};

Outcome decode(const QList<QByteArrayView> &pieces)
{
    QBuffer target;
    target.open(QIODevice::WriteOnly);
    Base64StreamDecoder decoder(&target);
    Outcome outcome;
    bool ok = true;
    for (const auto piece : pieces) {
        if (!decoder.feed(piece)) {
            ok = false;
            break;
        }
    }
    ok = ok && decoder.finish();
    FUZZ_CHECK(ok == decoder.errorString().isEmpty());
    FUZZ_CHECK(decoder.decodedBytes() == target.data().size());
    outcome.ok = ok;
    outcome.bytes = target.data();
    outcome.envelope = decoder.envelope();
    outcome.foundField = decoder.foundField();
    outcome.error = decoder.errorString();
    return outcome;
}

std::optional<QByteArray> strictBase64(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    for (const QChar c : text)
        if (c.unicode() > 0x7f)
            return std::nullopt;
    auto result = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result || text.size() % 4 != 0)
        return std::nullopt;
    return result.decoded;
}

void checkJson(const QList<qsizetype> &sizes, const QByteArray &payload)
{
    const Outcome whole = decode({payload});
    const Outcome split = decode(splitBySizes(payload, sizes));
    FUZZ_CHECK(whole.ok == split.ok);
    if (whole.ok) {
        FUZZ_CHECK(whole.bytes == split.bytes);
        FUZZ_CHECK(whole.envelope == split.envelope);
    }

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    const bool validObject = error.error == QJsonParseError::NoError && document.isObject();
    if (whole.ok) {
        FUZZ_CHECK(whole.foundField);
        FUZZ_CHECK(validObject);
        QJsonObject object = document.object();
        const auto content = strictBase64(object.value(u"content"_s));
        FUZZ_CHECK(content.has_value());
        FUZZ_CHECK(*content == whole.bytes);
        object.remove(u"content"_s);
        FUZZ_CHECK(object == whole.envelope);
    }
    // The converse, for the canonical form of a valid response.
    if (validObject) {
        const QJsonObject object = document.object();
        const auto content = strictBase64(object.value(u"content"_s));
        const QString encoding = object.value(u"encoding"_s).toString();
        if (content && (encoding.isEmpty() || encoding == u"base64"_s)) {
            const QByteArray canonical = QJsonDocument(object).toJson(QJsonDocument::Compact);
            // Qt finds "encoding" under a key "encoding" followed by escaped NULs (keys with escaped
            // control characters compare oddly); that is Qt's, not the decoder's.
            if (canonical.contains("\\u00"))
                return;
            const Outcome again = decode(splitBySizes(canonical, sizes));
            if (!again.ok)
                std::fprintf(stderr, "canonical form %s: %s\n", canonical.constData(),
                             qPrintable(again.error));
            FUZZ_CHECK(again.ok);
            FUZZ_CHECK(again.bytes == *content);
        }
    }
}

void checkRoundTrip(const QList<qsizetype> &sizes, const QByteArray &raw)
{
    QBuffer source;
    source.setData(raw);
    source.open(QIODevice::ReadOnly);
    const QJsonObject fields {{u"path"_s, u"/workspace/f\u00e4\"\\.bin"_s}, {u"mode"_s, 420}};
    Base64JsonEncoder encoder(fields, &source, raw.size());
    QByteArray encoded;
    QList<qsizetype> readSizes = sizes.isEmpty() ? QList<qsizetype> {1 << 20} : sizes;
    for (qsizetype i = 0; !encoder.atEnd(); ++i) {
        const QByteArray piece = encoder.read(readSizes[i % readSizes.size()]);
        FUZZ_CHECK(!piece.isEmpty()); // a buffer source never makes it wait
        encoded += piece;
    }
    FUZZ_CHECK(encoded.size() == encoder.size());
    FUZZ_CHECK(encoder.read(16).isEmpty());

    const QJsonDocument document = QJsonDocument::fromJson(encoded);
    FUZZ_CHECK(document.isObject());
    FUZZ_CHECK(document.object().value(u"content"_s).toString().toLatin1() == raw.toBase64());

    const Outcome outcome = decode(splitBySizes(encoded, sizes));
    FUZZ_CHECK(outcome.ok);
    FUZZ_CHECK(outcome.bytes == raw);
    QJsonObject expected = fields;
    expected.insert(u"encoding"_s, u"base64"_s);
    FUZZ_CHECK(outcome.envelope == expected);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const QByteArray mode = input.headerLine({"json", "raw"});
    const QList<qsizetype> sizes = input.splitSizes();
    const QByteArray payload = input.rest();
    if (mode == "raw")
        checkRoundTrip(sizes, payload);
    else
        checkJson(sizes, payload);
    return 0;
}
