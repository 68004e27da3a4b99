package dev.deployc.emit;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one FreeMarker configuration of the process, made on first use; templates are loaded once.
 * Templates lay text out and never escape: the values they get are already escaped by type.
 */
public final class Templates {

    private static final class Holder {
        static final Configuration CONFIG = configure();
    }

    private static final SharedLoads<Template> LOADS = new SharedLoads<>(new FromConfiguration());

    private Templates() {}

    public static String render(String name, Map<String, Object> model) {
        Template template = LOADS.get(name);
        StringWriter out = new StringWriter();
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Loads these templates (the configuration first), so a later {@link #render} finds them parsed; a
     * thread that renders meanwhile and needs one this thread is parsing parses the next ones itself.
     */
    public static void preload(String... names) {
        LOADS.preload(names);
    }

    private static final class FromConfiguration implements SharedLoads.Loader<Template> {
        @Override
        public Template load(String name) {
            return Templates.load(name);
        }
    }

    private static Template load(String name) {
        try {
            return Holder.CONFIG.getTemplate(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load template " + name, e);
        }
    }

    private static Configuration configure() {
        // FreeMarker logs nothing we show, and otherwise probes the class path for five logging libraries first.
        if (System.getProperty(freemarker.log.Logger.SYSTEM_PROPERTY_NAME_LOGGER_LIBRARY) == null) {
            System.setProperty(freemarker.log.Logger.SYSTEM_PROPERTY_NAME_LOGGER_LIBRARY, freemarker.log.Logger.LIBRARY_NAME_NONE);
        }
        Configuration c = new Configuration(Configuration.VERSION_2_3_33);
        c.setClassLoaderForTemplateLoading(Templates.class.getClassLoader(), "templates");
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setLocale(java.util.Locale.ROOT);
        c.setNumberFormat("computer");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        c.setLocalizedLookup(false);
        return c;
    }
}
