import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts the Rapaio Java kernel (rapaio-jupyter-kernel 3.0.1) the way its own {@code MainApp} does,
 * with two differences that remove start-up races. Without them, on a busy machine, about one kernel
 * start in seven never answered ("Kernel didn't respond").
 *
 * <p>First race: the kernel binds its sockets first and fills its table of message handlers
 * afterwards. Jupyter sends {@code kernel_info_request} as soon as it can connect; when that message
 * arrives in between, the kernel fails on the missing table (its shell thread dies, and the kernel
 * never answers) or on a half-filled one (the message is dropped, and Jupyter's notebook server waits
 * 60 s before asking again). Here a stand-in table is in place before the sockets are bound: a lookup
 * in it waits until the kernel's own table is complete and then answers from that, so an early
 * message is simply handled a moment later. A warm-up run of the connection code on a Channels
 * object with nothing to bind makes the real table fill in microseconds, which closes the rest of the
 * window.
 *
 * <p>Second race: each channel's loop thread is started before its "running" flag is set, so a
 * thread scheduled at once sees the flag still false and ends, leaving that channel deaf. Telling
 * from outside whether a thread ended that way is itself unreliable (a thread seen waiting may still
 * be on its way out): with such a check, two kernel starts in 130 on a loaded machine still never
 * answered, both with the control loop thread gone. So here every loop thread is replaced: the
 * kernel's own is asked to stop and waited for (it ends after its current pass, or
 * has already ended), and a fresh one running the same loop is started with its flag already set.
 *
 * <p>./workbook compiles this file into target/kernel/launcher and names it in kernel.json.
 * Usage: {@code java -cp <this>:<kernel jar> WorkbookKernel CONNECTION_FILE}
 */
public final class WorkbookKernel {
    private WorkbookKernel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("WorkbookKernel: expected one argument, the connection file; got "
                    + args.length);
        }
        // The first logging.properties on the classpath (ours, in tools/kernel/classpath) wins.
        LogManager.getLogManager().readConfiguration(
                WorkbookKernel.class.getClassLoader().getResourceAsStream("logging.properties"));
        Path connectionFile = Path.of(args[0]);
        ConnectionProperties properties =
                Transform.fromJson(Files.readString(connectionFile), ConnectionProperties.class);

        // Warm-up: run connect() once on a Channels object that has no sockets to bind. The first
        // run of connect() creates each handler lambda, which takes tens of milliseconds on a busy
        // machine; the real connect() below then fills its handler table in microseconds.
        Channels warmUp = new Channels(properties);
        field(Channels.class, "channels").set(warmUp, Set.of());
        warmUp.connect(MainApp.kernel); // MainApp's static initialiser builds the kernel (JShell, init script)

        Channels channels = new Channels(properties);
        Field handlersField = field(Channels.class, "handlers");
        HandlersWhenReady early = new HandlersWhenReady();
        handlersField.set(channels, early);

        channels.connect(MainApp.kernel);
        early.ready((Map<?, ?>) handlersField.get(channels));
        replaceLoopThreads(channels, List.of("heartbeat", "shell", "control"));
        channels.joinUntilClose();
    }

    /** Stand-in handler table: lookups wait until the kernel's own table is complete, then use it. */
    private static final class HandlersWhenReady extends ConcurrentHashMap<Object, Object> {
        private final CountDownLatch latch = new CountDownLatch(1);
        private volatile Map<?, ?> real;

        void ready(Map<?, ?> table) {
            real = table;
            latch.countDown();
        }

        @Override
        public Object get(Object key) {
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<?, ?> table = real;
            return table == null ? null : table.get(key);
        }
    }

    /**
     * Replace each named channel's loop thread by a fresh one running the same loop, started with its
     * "running" flag already set. The old thread is stopped and waited for first, so that no two
     * threads ever use a channel's socket at once; it stops after its current pass (a message it has
     * taken is still answered) and the 50 ms pause that follows.
     */
    private static void replaceLoopThreads(Channels channels, List<String> names) throws Exception {
        Field running = field(LoopThread.class, "running");
        List<Object> owners = new java.util.ArrayList<>();
        List<LoopThread> old = new java.util.ArrayList<>();
        for (String name : names) {
            Object channel = field(Channels.class, name).get(channels);
            LoopThread loop = (LoopThread) field(channel.getClass(), "loopThread").get(channel);
            loop.shutdown();
            owners.add(channel);
            old.add(loop);
        }
        for (int i = 0; i < names.size(); i++) {
            LoopThread loop = old.get(i);
            loop.join(10_000);
            if (loop.isAlive()) {
                throw new IllegalStateException("WorkbookKernel: the " + names.get(i) + " loop thread did not "
                        + "stop within 10 s; the kernel cannot take its channel over safely");
            }
            LoopThread fresh = new LoopThread(loop.getName(), field(LoopThread.class, "sleep").getLong(loop),
                    (Runnable) field(LoopThread.class, "loopBody").get(loop));
            running.setBoolean(fresh, true);   // before the thread starts: LoopThread.start() sets it after
            field(owners.get(i).getClass(), "loopThread").set(owners.get(i), fresh);
            fresh.start();
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
