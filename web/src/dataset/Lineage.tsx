// Lineage as a small graph: the datasets a derived dataset was computed from on the left, the dataset in
// the middle, the datasets derived from it on the right (SVG, each box a link).
import { useNavigate } from 'react-router';
import { enc } from '../api/ErrorList';

interface Node { pid: string; datasetName?: string | null; type: string }

const W = 220;
const H = 34;
const GAP = 12;

function Box({ n, x, y, current }: { n: Node; x: number; y: number; current?: boolean }) {
  const navigate = useNavigate();
  const label = (n.datasetName ?? n.pid).slice(0, 30);
  return (
    <g role={current ? undefined : 'link'} tabIndex={current ? -1 : 0} aria-label={current ? `this dataset: ${label}` : `open ${label}`} style={{ cursor: current ? 'default' : 'pointer' }}
      onClick={() => !current && navigate(`/datasets/${enc(n.pid)}`)} onKeyDown={(e) => e.key === 'Enter' && !current && navigate(`/datasets/${enc(n.pid)}`)}>
      <rect x={x} y={y} width={W} height={H} rx={6} fill={current ? '#e7f5ff' : '#fff'} stroke={n.type === 'derived' ? '#40c057' : '#228be6'} strokeWidth={current ? 2 : 1} />
      <text x={x + 8} y={y + 21} fontSize={12}>{label}</text>
    </g>
  );
}

/** The graph of a dataset's inputs and outputs; nothing when it has neither. */
export function Lineage({ self, inputs, outputs }: { self: Node; inputs: Node[]; outputs: Node[] }) {
  if (!inputs.length && !outputs.length) return null;
  const rowsN = Math.max(inputs.length, outputs.length, 1);
  const height = rowsN * (H + GAP) + GAP;
  const mid = (height - H) / 2;
  const xs = [10, 10 + W + 60, 10 + 2 * (W + 60)];
  const y = (i: number, n: number) => (height - n * (H + GAP) + GAP) / 2 + i * (H + GAP);
  return (
    <svg width={xs[2] + W + 10} height={height} role="img" aria-label="Lineage graph" data-testid="lineage">
      {inputs.map((n, i) => <line key={`li${n.pid}`} x1={xs[0] + W} y1={y(i, inputs.length) + H / 2} x2={xs[1]} y2={mid + H / 2} stroke="#868e96" />)}
      {outputs.map((n, i) => <line key={`lo${n.pid}`} x1={xs[1] + W} y1={mid + H / 2} x2={xs[2]} y2={y(i, outputs.length) + H / 2} stroke="#868e96" />)}
      {inputs.map((n, i) => <Box key={`i${n.pid}`} n={n} x={xs[0]} y={y(i, inputs.length)} />)}
      <Box n={self} x={xs[1]} y={mid} current />
      {outputs.map((n, i) => <Box key={`o${n.pid}`} n={n} x={xs[2]} y={y(i, outputs.length)} />)}
    </svg>
  );
}
