# Charts of the Herald-versus-Nchan comparison, from the data files ComparisonReport writes.
#   gnuplot -e "dir='docs/bench'" bench/charts.gp
if (!exists("dir")) dir = "docs/bench"
set terminal pngcairo size 1200,420 font "sans,10"

# Deliveries/s against publishes in flight (closed loop, the fanout-1k-inflight* scenarios): medians, log x axis.
set output dir."/inflight.png"
set title "Fan-out as fast as possible (closed loop, fanout-1k-inflight*): deliveries/s by publishes in flight, medians"
set logscale x 2
set grid
set xlabel "publishes in flight"
set ylabel "deliveries/s"
set format y "%.1s%c"
set yrange [0:*]
set xtics (1, 2, 8, 32)
set xrange [0.8:40]
set key outside right top
plot dir."/inflight.dat" using 1:2 with linespoints lw 2 pt 7 title "Herald", \
     ''                  using 1:3 with linespoints lw 2 pt 5 title "Nchan"
unset logscale
unset yrange
unset xrange
set key inside
set format y "%g"
unset title

# Latency distribution: percentile on a 1/(1-p) axis, so the tail gets room; milliseconds on a log axis.
set output dir."/latency.png"
set multiplot layout 1,3 title "Publish-to-receive latency by percentile (last round)"
set logscale xy
set grid
set xlabel "percentile"
set ylabel "ms"
set xtics ("50" 2, "90" 10, "99" 100, "99.9" 1000, "99.99" 10000)
set key top left
do for [scenario in "rate100-1k rate10-10k fanout-1k-inflight8"] {
  set title scenario
  plot dir."/latency-".scenario.".dat" using (1/(1-$1/100)):2 with linespoints title "Herald", \
       ''                              using (1/(1-$1/100)):3 with linespoints title "Nchan"
}
unset multiplot

# Throughput and idle memory: medians as bars.
set output dir."/throughput-memory.png"
unset logscale
set xtics auto
set multiplot layout 1,2 title "Medians over the rounds"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set yrange [0:*]
set xlabel ""
set title "Fan-out to 1,000 subscribers, deliveries/s"
set ylabel "deliveries/s"
set format y "%.1s%c"
plot dir."/throughput.dat" using 2:xtic(1) title "Herald", '' using 3 title "Nchan"
set title "Idle memory per stream (PSS growth)"
set ylabel "KiB"
set format y "%g"
plot dir."/memory.dat" using 2:xtic(1) title "Herald", '' using 3 title "Nchan"
unset multiplot
