#ifndef REPORTLINT_CLIBXML2_SHIM_H
#define REPORTLINT_CLIBXML2_SHIM_H
/* libxml2 for Swift. See ../shared/notes/libxml2-from-swift.md.
   LIBXML_ICU_ENABLED must be undefined: Debian's encoding.h otherwise pulls the system ICU headers,
   which clash with Foundation's _FoundationICU module on a clean build (P1). */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlsave.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <stddef.h>
#include <string.h>

/* xmlFree is a mutable global function pointer; Swift 6 rejects touching it (P2). */
static inline void cxml_free(void *p) { xmlFree(p); }

/* Variadic callbacks cannot be written in Swift (P5). Handlers are per thread in 2.9.x:
   call this on every thread that parses. */
static inline void cxml_noop_generic_error(void *c, const char *m, ...) { (void)c; (void)m; }
static inline void cxml_noop_structured_error(void *c, xmlErrorPtr e) { (void)c; (void)e; }
static inline void cxml_silence_errors_on_this_thread(void) {
    xmlSetGenericErrorFunc(NULL, cxml_noop_generic_error);
    xmlSetStructuredErrorFunc(NULL, cxml_noop_structured_error);
}

/* An external-entity loader that refuses everything: defence in depth against XXE (P6: never pass NULL). */
static inline xmlParserInputPtr cxml_refusing_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void cxml_install_refusing_entity_loader(void) {
    xmlSetExternalEntityLoader(cxml_refusing_entity_loader);
}

#endif
