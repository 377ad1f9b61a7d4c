from tribonacci import tribonacci


def test_hidden_sequence():
    seq = [0, 0, 1]
    while len(seq) < 30:
        seq.append(seq[-1] + seq[-2] + seq[-3])
    assert [tribonacci(n) for n in range(30)] == seq
