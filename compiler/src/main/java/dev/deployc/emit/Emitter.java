package dev.deployc.emit;

import dev.deployc.model.Spec;
import java.util.List;

/** One output target: the files it generates for a checked spec. A new target is one entry in {@link dev.deployc.Compiler}'s list. */
public interface Emitter {

    List<GeneratedFile> emit(Spec spec);
}
