package org.jianqun.gateway.wecom;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads WeCom's callback XML, the outer envelope and the decrypted message alike. The envelope arrives before
 * anyone is authenticated (msg_signature covers only its Encrypt element), so it is read by a streaming StAX
 * reader that builds no tree and never recurses, and refuses as it goes: any DOCTYPE or entity reference (no
 * billion laughs, no XXE; nothing external is resolved), elements nested deeper than {@link #MAX_DEPTH}, more
 * than {@link #MAX_ELEMENTS} of them, or more than {@link #MAX_ATTRIBUTES} attributes on one. WeCom's XML is
 * flat (a few fields, now and then a list one level down), so the limits are small and a refusal comes after a
 * few bytes of a hostile document. The root's child elements are all there is, read as name → their text.
 */
public final class CallbackXml {
    public static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 4;
    static final int MAX_ELEMENTS = 256;
    static final int MAX_ATTRIBUTES = 8;
    private static final XMLInputFactory FACTORY = hardenedFactory();

    private CallbackXml() {
    }

    /** The body as strict UTF-8, or MALFORMED; over the limit is TOO_LARGE. */
    public static String utf8(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new CallbackRefused(CallbackRefused.Reason.TOO_LARGE, "the body is over " + MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body is not UTF-8");
        }
    }

    /** The root element's children, name → text (of all their descendants); MALFORMED for anything else. */
    public static Map<String, String> fields(String xml) {
        XMLStreamReader reader;
        try {
            synchronized (FACTORY) { // a factory is not promised to be thread-safe; a reader per call is cheap
                reader = FACTORY.createXMLStreamReader(new StringReader(xml));
            }
        } catch (XMLStreamException e) {
            throw malformed("the body is not XML");
        }
        try {
            return read(reader);
        } catch (XMLStreamException | IllegalStateException e) {
            throw malformed("the body is not plain XML (no DTD, no entities)");
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was held open: the input is a string
            }
        }
    }

    private static Map<String, String> read(XMLStreamReader reader) throws XMLStreamException {
        Map<String, String> fields = new LinkedHashMap<>();
        int depth = 0;
        int elements = 0;
        String field = null;
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                        XMLStreamConstants.NOTATION_DECLARATION -> throw malformed("the body is not plain XML (no DTD, no entities)");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > MAX_ELEMENTS) {
                        throw malformed("the body has more than " + MAX_ELEMENTS + " elements");
                    }
                    if (++depth > MAX_DEPTH) {
                        throw malformed("the body nests elements deeper than " + MAX_DEPTH);
                    }
                    if (reader.getAttributeCount() > MAX_ATTRIBUTES) {
                        throw malformed("an element has more than " + MAX_ATTRIBUTES + " attributes");
                    }
                    if (depth == 2) {
                        field = reader.getLocalName();
                        text.setLength(0);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth >= 2) {
                        text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth == 2) {
                        fields.putIfAbsent(field, text.toString());
                    }
                    depth--;
                }
                default -> {
                    // comments, processing instructions, the XML declaration: not data
                }
            }
        }
        if (elements == 0) {
            throw malformed("the body has no XML element");
        }
        return Collections.unmodifiableMap(fields);
    }

    /** The envelope's {@code Encrypt} element, which is what msg_signature signs. */
    public static String encryptPart(byte[] body) {
        String encrypt = fields(utf8(body)).get("Encrypt");
        if (encrypt == null || encrypt.isBlank()) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body has no Encrypt element");
        }
        return encrypt.strip();
    }

    private static CallbackRefused malformed(String why) {
        return new CallbackRefused(CallbackRefused.Reason.MALFORMED, why);
    }

    private static XMLInputFactory hardenedFactory() {
        // The JDK's own StAX, whatever else the classpath offers: these properties are known to hold there.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external entities are not read");
        });
        return f;
    }
}
