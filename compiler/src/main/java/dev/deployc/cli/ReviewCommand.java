package dev.deployc.cli;

import dev.deployc.check.NearbyFiles;
import dev.deployc.diag.Source;
import dev.deployc.review.Review;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Summarise, in Markdown for a pull request or $GITHUB_STEP_SUMMARY, what a change to specs does: "
                + "per service, settings changed, sandbox loosened or tightened, generated files added, removed and "
                + "changed, canary waves before and after. The base side comes from git (`git show REV:path`); "
                + "nothing is written and no network is used.")
public final class ReviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--base", paramLabel = "REV", defaultValue = "HEAD",
            description = "The revision to compare with (default: ${DEFAULT-VALUE}); in a pull request, its base.")
    String base;

    @Parameters(arity = "0..*", paramLabel = "SPEC",
            description = "The specs to review (default: every spec that differs between REV and the work tree).")
    List<Path> specs = new ArrayList<>();

    @Override
    public Integer call() {
        Reporter report = new Reporter(Reporter.Format.text, command.commandLine().getOut(), command.commandLine().getErr());
        try {
            Path root = Path.of(git(Path.of(""), "rev-parse", "--show-toplevel").orElseThrow(
                    () -> new SpecFiles.Problem("`deployc review` runs inside a git work tree")).strip());
            if (git(root, "rev-parse", "--verify", "--quiet", base + "^{commit}").isEmpty()) {
                return report.problem(dev.deployc.diag.Finding.Kind.USAGE, null, "`" + base + "` is not a revision of this repository");
            }
            List<String> paths = new ArrayList<>();
            Path cwd = Path.of("").toAbsolutePath();
            if (specs.isEmpty()) {
                String changed = git(root, "diff", "--name-only", "--no-renames", base, "--", "*.deploy").orElse("");
                String untracked = git(root, "ls-files", "--others", "--exclude-standard", "--", "*.deploy").orElse("");
                paths.addAll(new TreeSet<>((changed + untracked).lines().filter(l -> !l.isBlank()).toList()));
            } else {
                for (Path spec : specs) {
                    paths.add(root.toRealPath().relativize(cwd.resolve(spec).normalize().toAbsolutePath()).toString().replace('\\', '/'));
                }
            }
            List<Review.Pair> pairs = new ArrayList<>();
            for (String path : paths) {
                Optional<Review.Side> before = git(root, "show", base + ":" + path)
                        .map(text -> new Review.Side(new Source(path, text), atBase(root, path)));
                Path file = root.resolve(path);
                Optional<Review.Side> after = Optional.empty();
                if (Files.isRegularFile(file)) {
                    after = Optional.of(new Review.Side(new Source(path, Files.readString(file, StandardCharsets.UTF_8)),
                            NearbyFiles.in(file.getParent())));
                }
                if (before.isEmpty() && after.isEmpty()) {
                    return report.problem(dev.deployc.diag.Finding.Kind.IO, path,
                            "`" + path + "` is neither in the work tree nor at `" + base + "`");
                }
                pairs.add(new Review.Pair(path, before, after));
            }
            command.commandLine().getOut().print(Review.markdown(pairs, base));
            report.finish();
            return Main.OK;
        } catch (SpecFiles.Problem e) {
            return report.problem(dev.deployc.diag.Finding.Kind.USAGE, null, e.getMessage());
        } catch (IOException e) {
            return report.problem(dev.deployc.diag.Finding.Kind.IO, null, "cannot read: " + e.getMessage());
        }
    }

    /** The files a spec names relative to itself, as they were at the base revision. */
    private NearbyFiles atBase(Path root, String spec) {
        String dir = spec.contains("/") ? spec.substring(0, spec.lastIndexOf('/') + 1) : "";
        return relative -> git(root, "show", base + ":" + Path.of(dir + relative).normalize().toString().replace('\\', '/'))
                .orElseThrow(() -> new NoSuchFileException(relative));
    }

    /** Standard output of a git command, or empty when it fails. */
    static Optional<String> git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot run git: " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        try {
            return p.waitFor() == 0 ? Optional.of(out.toString(StandardCharsets.UTF_8)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
    }
}
